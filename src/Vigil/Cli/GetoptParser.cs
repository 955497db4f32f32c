namespace Vigil.Cli;

/// <summary>
/// getopt_long(3) semantics, which keepalived's command line has and System.CommandLine cannot reproduce (an optional
/// value is only taken when attached): bundled short flags (<c>-nlD</c>), attached values (<c>-fFILE</c>,
/// <c>--use-file=FILE</c>), separate values for required arguments (<c>-f FILE</c>), unambiguous long-option
/// prefixes, <c>--</c> ending options, and GNU permutation (non-options may appear anywhere).
/// </summary>
internal sealed class GetoptParser(IReadOnlyList<OptionSpec> specs)
{
    public sealed record Result(List<ParsedOption> Options, List<string> Operands, string? Error);

    public Result Parse(IReadOnlyList<string> args)
    {
        var options = new List<ParsedOption>();
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                var spec = FindLong(name, out var ambiguous);
                if (spec is null)
                {
                    return new Result(options, operands, ambiguous ? $"Option --{name} is ambiguous" : $"Unknown option --{name}");
                }

                string? value = eq < 0 ? null : arg[(eq + 1)..];
                switch (spec.Argument)
                {
                    case OptionArgument.None when value is not null:
                        return new Result(options, operands, $"Option --{spec.Long} does not take a parameter");
                    case OptionArgument.Required when value is null:
                        if (i + 1 >= args.Count)
                        {
                            return new Result(options, operands, $"Missing parameter for option --{spec.Long}");
                        }

                        value = args[++i];
                        break;
                }

                options.Add(new ParsedOption(spec, value));
                continue;
            }

            if (arg.Length > 1 && arg[0] == '-')
            {
                for (var j = 1; j < arg.Length; j++)
                {
                    var spec = specs.FirstOrDefault(s => s.Short == arg[j] && s.Short != '\0');
                    if (spec is null)
                    {
                        return new Result(options, operands, $"Unknown option -{arg[j]}");
                    }

                    if (spec.Argument == OptionArgument.None)
                    {
                        options.Add(new ParsedOption(spec, null));
                        continue;
                    }

                    var attached = j + 1 < arg.Length ? arg[(j + 1)..] : null;
                    if (attached is null && spec.Argument == OptionArgument.Required)
                    {
                        if (i + 1 >= args.Count)
                        {
                            return new Result(options, operands, $"Missing parameter for option -{spec.Short}");
                        }

                        attached = args[++i];
                    }

                    options.Add(new ParsedOption(spec, attached));
                    break;
                }

                continue;
            }

            operands.Add(arg);
        }

        return new Result(options, operands, null);
    }

    private OptionSpec? FindLong(string name, out bool ambiguous)
    {
        ambiguous = false;
        var exact = specs.FirstOrDefault(s => s.Long == name);
        if (exact is not null)
        {
            return exact;
        }

        var prefixed = specs.Where(s => s.Long is not null && s.Long.StartsWith(name, StringComparison.Ordinal)).ToList();
        if (prefixed.Count == 1 && name.Length > 0)
        {
            return prefixed[0];
        }

        ambiguous = prefixed.Count > 1;
        return null;
    }
}
