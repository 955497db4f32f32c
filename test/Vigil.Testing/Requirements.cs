using Xunit;

namespace Vigil.Testing;

/// <summary>
/// What a test needs from the machine. A missing requirement is a loud skip with the reason, except when
/// VIGIL_REQUIRE_ALL=1 (set by .ci/run): then nothing skips and the test fails on what is missing.
/// </summary>
public static class Requirements
{
    public static bool RequireAll => Environment.GetEnvironmentVariable("VIGIL_REQUIRE_ALL") == "1";

    public static bool IsRoot => Environment.UserName == "root" || GetEuid() == 0;

    public static string? Missing(params string[] tools)
    {
        if (!IsRoot)
        {
            return "needs root (network namespaces, raw sockets)";
        }

        foreach (var t in tools)
        {
            if (!Cmd.Exists(t))
            {
                return $"needs '{t}' on PATH (apt-get install {PackageOf(t)})";
            }
        }

        return null;
    }

    private static string PackageOf(string tool) => tool switch
    {
        "ip" => "iproute2",
        "nft" => "nftables",
        "keepalived" => "keepalived",
        "tcpdump" => "tcpdump",
        _ => tool,
    };

    private static uint GetEuid()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    return uint.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return uint.MaxValue;
    }
}

/// <summary>A fact that needs root and the given tools (always 'ip'); skips loudly otherwise.</summary>
public sealed class NetFactAttribute : FactAttribute
{
    public NetFactAttribute(params string[] tools)
    {
        var missing = Requirements.Missing(["ip", .. tools]);
        if (missing is not null && !Requirements.RequireAll)
        {
            Skip = "SKIPPED: " + missing;
        }
    }
}

/// <summary>A theory that needs root and the given tools (always 'ip'); skips loudly otherwise.</summary>
public sealed class NetTheoryAttribute : TheoryAttribute
{
    public NetTheoryAttribute(params string[] tools)
    {
        var missing = Requirements.Missing(["ip", .. tools]);
        if (missing is not null && !Requirements.RequireAll)
        {
            Skip = "SKIPPED: " + missing;
        }
    }
}
