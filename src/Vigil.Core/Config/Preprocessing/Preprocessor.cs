using System.Globalization;
using System.Text;

namespace Vigil.Config.Preprocessing;

/// <summary>
/// Turns configuration files into logical lines for the keyword parser, doing what keepalived's reader does
/// (keepalived.conf(5), "ADVANCED CONFIGURATION", checked against keepalived 2.2.7):
/// comments, <c>include</c> (globs, brace expansion, include checks), <c>$NAME=VALUE</c> parameters (lazy,
/// recursive, multi-line), <c>@id</c>/<c>@^id</c> conditional lines, <c>~SEQ</c>/<c>~SEQx</c>/<c>~LST</c> generators,
/// quote removal and brace splitting. Every output line keeps the file and line the user wrote.
/// Hostile input never throws or hangs: recursion, expansion size, include depth and output size are bounded and
/// reported as diagnostics.
/// </summary>
internal sealed class Preprocessor
{
    /// <summary>keepalived reads lines with a 1024-byte buffer (MAXBUF); longer lines are not what the user meant.</summary>
    public const int MaxLineLength = 1023;

    public const int MaxIncludeDepth = 32;

    public const int MaxExpansionDepth = 64;

    /// <summary>Upper bound on the logical lines one configuration may expand to (the man page's own ~SEQ example
    /// makes 65,024 instances, about a million lines).</summary>
    public const int DefaultMaxOutputLines = 3_000_000;

    /// <summary>Upper bound on the text one parameter use may expand to.</summary>
    public const int MaxExpansionLength = 4 * 1024 * 1024;

    private static readonly string[] s_includeKeywords = ["include", "includer", "includem", "includew", "includeb", "includea"];

    private readonly IConfigFileSystem _fs;
    private readonly DiagnosticBag _diagnostics;
    private readonly PreprocessorOptions _options;
    private readonly ParameterTable _parameters = new();
    private long _emitted;

    // Reused buffers: the preprocessor is single-threaded and these never escape a call.
    private readonly StringBuilder _substitution = new();
    private readonly StringBuilder _tokenBuffer = new();
    private readonly List<ConfigToken> _tokens = [];
    private readonly List<string> _fileStack = [];
    private Random _random;
    private IncludeChecks _includeChecks;
    private bool _stopped;

    public Preprocessor(IConfigFileSystem fs, DiagnosticBag diagnostics, PreprocessorOptions options)
    {
        _fs = fs;
        _diagnostics = diagnostics;
        _options = options;
        _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _includeChecks = options.AllConfig ? IncludeChecks.All : IncludeChecks.None;
    }

    /// <summary>The files read, in the order they were opened (absolute paths).</summary>
    public List<string> FilesRead { get; } = [];

    /// <summary>The files read, as their names appear in diagnostics, in the order they were opened.</summary>
    public List<string> DisplayNamesRead { get; } = [];

    /// <summary>Reads <paramref name="path"/> (as the user gave it) and everything it includes.</summary>
    /// <returns>The logical lines, or null when the main file cannot be read at all.</returns>
    public IEnumerable<ConfigLine>? Run(string path)
    {
        var absolute = MakeAbsolute(_fs.CurrentDirectory, path);
        switch (_fs.GetKind(absolute))
        {
            case ConfigPathKind.Missing:
                _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Fatal, null, null, $"Config files missing '{path}'."));
                return null;
            case ConfigPathKind.Directory:
                _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Fatal, null, null, $"Configuration file '{path}' is a directory - skipping"));
                return null;
        }

        var bytes = ReadBytes(absolute, path, null);
        return bytes is null ? null : ReadFile(absolute, path, bytes);
    }

    private static string MakeAbsolute(string baseDir, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDir, path));

    private byte[]? ReadBytes(string absolute, string display, SourceLocation? includedFrom)
    {
        var bytes = _fs.TryReadAllBytes(absolute, out var error);
        if (bytes is null)
        {
            var severity = includedFrom is null ? DiagnosticSeverity.Fatal : CheckSeverity(IncludeChecks.Readable);
            _diagnostics.Add(new ConfigDiagnostic(severity, includedFrom, null, $"Config file '{display}' cannot be read: {error}"));
        }

        return bytes;
    }

    /// <summary>The logical lines of one file (and of what it includes), produced lazily: the parser consumes them as
    /// they come, so a configuration that expands to millions of lines is never held in memory at once.</summary>
    private IEnumerable<ConfigLine> ReadFile(string absolute, string display, byte[] bytes)
    {
        FilesRead.Add(absolute);
        DisplayNamesRead.Add(display);
        _fileStack.Add(absolute);
        var savedChecks = _includeChecks;
        try
        {
            var state = new FileState(display, Path.GetDirectoryName(absolute) ?? "/");
            var text = Decode(bytes);
            var lineNo = 0;
            var pos = 0;
            while (pos <= text.Length && !_stopped)
            {
                var nl = text.IndexOf('\n', pos);
                var end = nl < 0 ? text.Length : nl;
                if (nl < 0 && pos == text.Length)
                {
                    break;
                }

                lineNo++;
                foreach (var line in ProcessPhysicalLine(text.Substring(pos, end - pos), lineNo, state))
                {
                    yield return line;
                }

                pos = end + 1;
            }

            if (state.MultiLineName is not null)
            {
                FinishMultiLine(state);
            }
        }
        finally
        {
            _fileStack.RemoveAt(_fileStack.Count - 1);
            _includeChecks = savedChecks;
        }
    }

    private static string Decode(byte[] bytes)
    {
        // keepalived works on bytes; invalid UTF-8 becomes U+FFFD so that garbage stays garbage, never an exception.
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetString(bytes);
    }

    private IEnumerable<ConfigLine> ProcessPhysicalLine(string raw, int lineNo, FileState state)
    {
        var loc = new SourceLocation(state.Display, lineNo);
        if (raw.EndsWith('\r'))
        {
            raw = raw[..^1];
        }

        var nul = raw.IndexOf('\0');
        if (nul >= 0)
        {
            // keepalived reads C strings: the line ends at the NUL.
            _diagnostics.Warning(loc, null, "Line contains a NUL character - ignoring the rest of the line");
            raw = raw[..nul];
        }

        if (raw.Length > MaxLineLength)
        {
            _diagnostics.Error(loc, null, $"Line too long ({raw.Length} characters, the maximum is {MaxLineLength}) - ignoring",
                "keepalived would silently split it into several lines");
            yield break;
        }

        var text = LocatedText.FromPhysical(raw).StripComment().Trim();
        if (state.MultiLineName is not null)
        {
            // A blank line ends a multi-line definition; a comment-only line does not (observed with keepalived 2.2.7;
            // keepalived.conf(5)'s example with blank lines inside a definition does not work there either).
            if (raw.AsSpan().Trim().IsEmpty)
            {
                FinishMultiLine(state);
                yield break;
            }

            if (text.Length == 0)
            {
                yield break;
            }

            if (text.Text.EndsWith('\\'))
            {
                state.MultiLineBody.Add(text.Text[..^1].TrimEnd());
                yield break;
            }

            state.MultiLineBody.Add(text.Text);
            FinishMultiLine(state);
            yield break;
        }

        if (text.Length == 0)
        {
            yield break;
        }

        var first = FirstWord(text.Text);
        if (Array.IndexOf(s_includeKeywords, first) >= 0)
        {
            foreach (var line in HandleInclude(first, text.Text[first.Length..].Trim(), loc, state))
            {
                yield return line;
            }

            yield break;
        }

        if (first == "include_check")
        {
            HandleIncludeCheck(text.Text[first.Length..].Trim(), loc);
        }
        else if (first == "random_seed" && uint.TryParse(text.Text[first.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            // global_defs random_seed makes ${_RANDOM} repeatable from where it is written (keepalived.conf(5)).
            _random = new Random(unchecked((int)seed));
        }

        foreach (var line in ProcessText(text, loc, state, 0, allowMultiLineStart: true))
        {
            yield return line;
        }
    }

    private void FinishMultiLine(FileState state)
    {
        _parameters.Define(state.MultiLineName!, string.Join('\n', state.MultiLineBody.Where(l => l.Length > 0)));
        state.MultiLineName = null;
        state.MultiLineBody.Clear();
    }

    private static string FirstWord(string text)
    {
        var i = 0;
        while (i < text.Length && !LocatedText.IsSpace(text[i]))
        {
            i++;
        }

        return text[..i];
    }

    /// <summary>
    /// One line of text: conditional, definition, generator, substitution (whose result is processed again, line by
    /// line, which is what makes parameters lazy and recursive), then tokens.
    /// </summary>
    private IEnumerable<ConfigLine> ProcessText(LocatedText text, SourceLocation loc, FileState state, int depth, bool allowMultiLineStart)
    {
        if (_stopped)
        {
            yield break;
        }

        if (depth > MaxExpansionDepth)
        {
            _diagnostics.Error(loc, null, $"Parameter expansion nested more than {MaxExpansionDepth} levels deep - ignoring the line",
                "a parameter probably refers to itself");
            yield break;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            yield break;
        }

        // @id / @^id conditional lines (keepalived.conf(5) "Conditional configuration").
        if (text.Text[0] == '@')
        {
            var word = FirstWord(text.Text);
            var negate = word.StartsWith("@^", StringComparison.Ordinal);
            var id = word[(negate ? 2 : 1)..];
            var matches = string.Equals(id, _options.ConfigId, StringComparison.Ordinal);
            if (matches == negate)
            {
                yield break;
            }

            text = text.Slice(word.Length).Trim();
            if (text.Length == 0)
            {
                yield break;
            }
        }

        // $NAME=VALUE (only whitespace before '$', no space before '=').
        if (text.Text[0] == '$' && TryParseDefinition(text.Text, out var name, out var value))
        {
            if (value.EndsWith('\\') && allowMultiLineStart)
            {
                state.MultiLineName = name;
                state.MultiLineBody.Clear();
                var firstPart = value[..^1].Trim();
                if (firstPart.Length > 0)
                {
                    state.MultiLineBody.Add(firstPart);
                }

                yield break;
            }

            _parameters.Define(name, value);
            yield break;
        }

        var generatorText = text.Text;
        if (generatorText[0] == '~' && generatorText.IndexOf(')') is var close and > 0 && generatorText.AsSpan(0, close).Contains('$'))
        {
            // Parameters are substituted in the generator's arguments (~SEQ(i, $START, $END)), not in the repeated text.
            generatorText = (Substitute(generatorText[..close], state, loc, out _) ?? generatorText[..close]) + generatorText[close..];
        }

        if (generatorText[0] == '~' && Generators.TryParse(generatorText, _options.MaxOutputLines, out var iterations, out var rest, out var error))
        {
            if (error is not null)
            {
                _diagnostics.Error(loc, null, $"Invalid sequence/list generator: {error}");
                yield break;
            }

            foreach (var iteration in iterations)
            {
                foreach (var (n, v) in iteration.Bindings)
                {
                    _parameters.Define(n, v);
                }

                foreach (var line in ProcessText(LocatedText.Unlocated(rest), loc, state, depth + 1, allowMultiLineStart: false))
                {
                    yield return line;
                }

                if (_stopped)
                {
                    yield break;
                }
            }

            yield break;
        }

        if (text.Text[0] == '$' && _parameters.TryGetLines(WholeReference(text.Text), out var valueLines))
        {
            // The common "$BLOCK" use of a multi-line parameter: its lines are split once per definition.
            foreach (var part in valueLines)
            {
                foreach (var line in ProcessText(LocatedText.Unlocated(part), loc, state, depth + 1, allowMultiLineStart: false))
                {
                    yield return line;
                }
            }

            yield break;
        }

        if (text.Text.Contains('$'))
        {
            var substituted = Substitute(text.Text, state, loc, out var changed);
            if (substituted is null)
            {
                yield break;
            }

            if (changed)
            {
                foreach (var part in substituted.Contains('\n') ? substituted.Split('\n') : [substituted])
                {
                    if (part.Length > MaxLineLength)
                    {
                        _diagnostics.Error(loc, null, $"Line too long after parameter substitution ({part.Length} characters) - ignoring",
                            "a parameter probably refers to itself");
                        continue;
                    }

                    foreach (var line in ProcessText(LocatedText.Unlocated(part), loc, state, depth + 1, allowMultiLineStart: false))
                    {
                        yield return line;
                    }
                }

                yield break;
            }
        }

        foreach (var line in Emit(text, loc, state.Directory))
        {
            yield return line;
        }
    }

    private IEnumerable<ConfigLine> Emit(LocatedText text, SourceLocation loc, string directory)
    {
        var tokens = LineTokenizer.Tokenize(text, out var unterminated, _tokens, _tokenBuffer);
        if (unterminated)
        {
            _diagnostics.Error(loc, null, $"Unmatched quote: '{text.Text}'");
        }

        if (tokens.Count == 0)
        {
            return [];
        }

        var lines = new List<ConfigLine>(1);
        LineTokenizer.SplitAtBraces(tokens, loc, directory, lines);
        _emitted += lines.Count;
        if (_emitted > _options.MaxOutputLines)
        {
            _diagnostics.Error(loc, null, $"The configuration expands to more than {_options.MaxOutputLines} lines - ignoring the rest");
            _stopped = true;
            return [];
        }

        return lines;
    }

    /// <summary>The parameter name when <paramref name="text"/> is exactly <c>$NAME</c> or <c>${NAME}</c>, else empty.</summary>
    private static string WholeReference(string text)
    {
        if (text.Length > 3 && text[1] == '{' && text[^1] == '}' && ParameterTable.IsValidName(text.AsSpan(2, text.Length - 3)))
        {
            return text[2..^1];
        }

        return text.Length > 1 && ParameterTable.IsValidName(text.AsSpan(1)) ? text[1..] : string.Empty;
    }

    private static bool TryParseDefinition(string text, out string name, out string value)
    {
        name = value = string.Empty;
        var eq = text.IndexOf('=');
        if (eq < 2)
        {
            return false;
        }

        var n = text.AsSpan(1, eq - 1);
        if (!ParameterTable.IsValidName(n))
        {
            return false;
        }

        name = n.ToString();
        value = text[(eq + 1)..].Trim();
        return true;
    }

    /// <summary>
    /// Replaces each <c>$NAME</c> (followed by whitespace or the end) and <c>${NAME}</c> once; undefined names stay
    /// verbatim (so <c>$</c> in scripts is safe). Returns null when the expansion is too large.
    /// </summary>
    private string? Substitute(string text, FileState state, SourceLocation loc, out bool changed)
    {
        changed = false;
        var sb = _substitution.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$' || i + 1 >= text.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (text[i + 1] == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close > 0 && TryBuiltinOrParameter(text[(i + 2)..close], state, out var replacement))
                {
                    sb.Append(replacement);
                    changed = true;
                    i = close + 1;
                }
                else
                {
                    sb.Append(c);
                    i++;
                }
            }
            else if (ParameterTable.IsNameStart(text[i + 1]))
            {
                var j = i + 1;
                while (j < text.Length && ParameterTable.IsNameChar(text[j]))
                {
                    j++;
                }

                var name = text[(i + 1)..j];
                // keepalived substitutes $NAME when followed by whitespace, the end, ',' or ')' (observed with 2.2.7;
                // the man page says whitespace only, but ~SEQ(i,$START,$END) relies on the others).
                var atWordEnd = j == text.Length || LocatedText.IsSpace(text[j]) || text[j] is ',' or ')';
                if (atWordEnd && _parameters.TryGet(name, out var value))
                {
                    sb.Append(value);
                    changed = true;
                    i = j;
                }
                else
                {
                    sb.Append(text, i, j - i);
                    i = j;
                }
            }
            else
            {
                sb.Append(c);
                i++;
            }

            if (sb.Length > MaxExpansionLength)
            {
                _diagnostics.Error(loc, null, $"Parameter substitution produces more than {MaxExpansionLength} characters - ignoring the line");
                return null;
            }
        }

        return sb.ToString();
    }

    private bool TryBuiltinOrParameter(string inner, FileState state, out string value)
    {
        var parts = inner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            value = string.Empty;
            return false;
        }

        switch (parts[0])
        {
            case "_PWD" when parts.Length == 1:
                value = state.Directory;
                return true;
            case "_INSTANCE" when parts.Length == 1:
                value = _options.ConfigId;
                return true;
            case "_HASH" when parts.Length == 1:
                value = "#";
                return true;
            case "_BANG" when parts.Length == 1:
                value = "!";
                return true;
            case "_ENV" when parts.Length == 2:
                value = _options.Environment(parts[1]) ?? string.Empty;
                return true;
            case "_RANDOM" when parts.Length <= 3:
                {
                    long min = 0, max = 32767;
                    if ((parts.Length > 1 && !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out min)) ||
                        (parts.Length > 2 && !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out max)) ||
                        max < min || max > int.MaxValue)
                    {
                        value = string.Empty;
                        return false;
                    }

                    value = _random.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture);
                    return true;
                }
        }

        if (parts.Length == 1 && ParameterTable.IsValidName(parts[0]) && _parameters.TryGet(parts[0], out value))
        {
            return true;
        }

        value = string.Empty;
        return false;
    }

    private void HandleIncludeCheck(string args, SourceLocation loc)
    {
        var words = args.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            _includeChecks = IncludeChecks.All;
            return;
        }

        var result = words[0][0] is '+' or '-' ? _includeChecks : IncludeChecks.None;
        foreach (var w in words)
        {
            var remove = w.StartsWith('-');
            var name = w.TrimStart('+', '-');
            IncludeChecks flag = name switch
            {
                "readable" => IncludeChecks.Readable,
                "match" => IncludeChecks.Match | IncludeChecks.Readable,
                "wildcard_match" => IncludeChecks.WildcardMatch | IncludeChecks.Readable,
                "brace_match" => IncludeChecks.BraceMatch | IncludeChecks.Readable,
                _ => IncludeChecks.None,
            };
            if (flag == IncludeChecks.None)
            {
                _diagnostics.Error(loc, "include_check", $"Unknown include_check type '{name}' - ignoring");
                continue;
            }

            result = remove ? result & ~(flag & ~IncludeChecks.Readable) : result | flag;
        }

        _includeChecks = result;
    }

    private DiagnosticSeverity CheckSeverity(IncludeChecks needed) =>
        (_includeChecks & needed) != 0 ? DiagnosticSeverity.MissingFile : DiagnosticSeverity.Warning;

    private IEnumerable<ConfigLine> HandleInclude(string keyword, string args, SourceLocation loc, FileState state)
    {
        var checks = keyword switch
        {
            "includer" => IncludeChecks.Readable,
            "includem" => IncludeChecks.Match | IncludeChecks.Readable,
            "includew" => IncludeChecks.WildcardMatch | IncludeChecks.Readable,
            "includeb" => IncludeChecks.BraceMatch | IncludeChecks.Readable,
            "includea" => IncludeChecks.All,
            _ => IncludeChecks.None,
        };
        var saved = _includeChecks;
        _includeChecks |= checks;
        try
        {
            // Only parameter substitution applies to the file name (keepalived substitutes ${_PWD} there).
            var name = args;
            if (name.Contains('$'))
            {
                name = Substitute(name, state, loc, out _) ?? name;
            }

            // The file name is one word (quotes removed); braces are glob brace expansion here, not blocks.
            var file = FirstIncludeWord(name);
            if (file.Length == 0)
            {
                _diagnostics.Error(loc, keyword, $"'{keyword}' needs a file name");
                yield break;
            }

            foreach (var line in IncludePattern(file, loc, state))
            {
                yield return line;
            }
        }
        finally
        {
            _includeChecks = saved;
        }
    }

    private static string FirstIncludeWord(string text)
    {
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && LocatedText.IsSpace(c))
            {
                if (sb.Length > 0)
                {
                    break;
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private IEnumerable<ConfigLine> IncludePattern(string pattern, SourceLocation loc, FileState state)
    {
        var alternatives = BraceExpander.Expand(pattern);
        var hasBraces = alternatives.Count > 1;
        var matchedAny = false;
        var braceMissing = false;
        var found = new List<(string Absolute, string Display)>();
        foreach (var alt in alternatives)
        {
            var absolutePattern = MakeAbsolute(state.Directory, alt);
            var matches = GlobPattern.Match(_fs, absolutePattern);
            if (matches.Count == 0)
            {
                braceMissing = true;
                continue;
            }

            matchedAny = true;
            foreach (var m in matches)
            {
                var display = Path.IsPathRooted(alt) ? m : Path.GetRelativePath(state.Directory, m);
                found.Add((m, display));
            }
        }

        if (!matchedAny || (hasBraces && braceMissing))
        {
            var wildcard = GlobPattern.HasWildcards(pattern);
            IncludeChecks needed = !matchedAny
                ? (wildcard ? IncludeChecks.WildcardMatch : IncludeChecks.Match) | (hasBraces ? IncludeChecks.BraceMatch : 0)
                : IncludeChecks.BraceMatch;
            var message = hasBraces ? $"Some config files missing: \"{pattern}\"." : $"Config files missing '{pattern}'.";
            _diagnostics.Add(new ConfigDiagnostic(CheckSeverity(needed), loc, "include", message));
        }

        foreach (var (absolute, display) in found)
        {
            if (_fs.GetKind(absolute) == ConfigPathKind.Directory)
            {
                _diagnostics.Warning(loc, "include", $"Configuration file '{display}/' is a directory - skipping");
                continue;
            }

            if (_fileStack.Contains(absolute))
            {
                _diagnostics.Error(loc, "include", $"Config file '{display}' includes itself (directly or indirectly) - ignoring");
                continue;
            }

            if (_fileStack.Count >= MaxIncludeDepth)
            {
                _diagnostics.Error(loc, "include", $"Includes nested more than {MaxIncludeDepth} deep - ignoring '{display}'");
                continue;
            }

            if (ReadBytes(absolute, display, loc) is not { } bytes)
            {
                continue;
            }

            foreach (var line in ReadFile(absolute, display, bytes))
            {
                yield return line;
            }

            if (_stopped)
            {
                yield break;
            }
        }
    }

    private sealed class FileState(string display, string directory)
    {
        public string Display { get; } = display;

        public string Directory { get; } = directory;

        public string? MultiLineName { get; set; }

        public List<string> MultiLineBody { get; } = [];
    }
}
