using System.Collections.Immutable;

namespace Vigil.Checkers;

/// <summary>One <c>url { }</c> block of HTTP_GET / SSL_GET.</summary>
public sealed record HttpUrlSettings
{
    /// <summary><c>path</c>.</summary>
    public required string Path { get; init; }

    /// <summary><c>digest</c>: lower-case hex MD5 of the body (genhash prints it).</summary>
    public string? Digest { get; init; }

    /// <summary><c>status_code</c>: empty means 200-299.</summary>
    public ImmutableArray<StatusCodeRange> StatusCodes { get; init; } = [];

    /// <summary><c>virtualhost</c> of this URL (overrides the checker's, the real server's and the service's).</summary>
    public string? VirtualHost { get; init; }

    /// <summary><c>regex</c>: pattern searched in the body.</summary>
    public string? Regex { get; init; }

    /// <summary><c>regex_no_match</c>: a match fails the check.</summary>
    public bool RegexNoMatch { get; init; }

    /// <summary><c>regex_options</c>: PCRE2 option names; those .NET has are honoured (caseless, multiline, dotall, extended).</summary>
    public ImmutableArray<string> RegexOptions { get; init; } = [];

    /// <summary><c>regex_min_offset</c>: the match must start at or after this body offset.</summary>
    public int RegexMinOffset { get; init; }

    /// <summary><c>regex_max_offset</c>: the match must start at or before this body offset (PCRE2 offset limit; 0 = no limit).</summary>
    public int RegexMaxOffset { get; init; }

    public bool StatusAccepted(int code)
    {
        if (StatusCodes.IsDefaultOrEmpty)
        {
            return StatusCodeRange.Default.Contains(code);
        }

        foreach (var r in StatusCodes)
        {
            if (r.Contains(code))
            {
                return true;
            }
        }

        return false;
    }
}
