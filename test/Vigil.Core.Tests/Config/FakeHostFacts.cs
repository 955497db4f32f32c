namespace Vigil.Config.Tests;

/// <summary>A host with interfaces eth0/eth1/lo, users root and nobody, and a few executable files.</summary>
internal sealed class FakeHostFacts : IHostFacts
{
    public HashSet<string> Interfaces { get; } = ["lo", "eth0", "eth1"];

    public Dictionary<string, (int Uid, int Gid)> Users { get; } = new() { ["root"] = (0, 0), ["nobody"] = (65534, 65534) };

    public Dictionary<string, int> Groups { get; } = new() { ["root"] = 0, ["nogroup"] = 65534 };

    public Dictionary<string, HostFileFacts> Files { get; } = new()
    {
        ["/"] = new(0, 0, (UnixFileMode)0b111_101_101, true),
        ["/bin"] = new(0, 0, (UnixFileMode)0b111_101_101, true),
        ["/bin/true"] = new(0, 0, (UnixFileMode)0b111_101_101, false),
        ["/bin/sh"] = new(0, 0, (UnixFileMode)0b111_101_101, false),
        ["/etc"] = new(0, 0, (UnixFileMode)0b111_101_101, true),
        ["/etc/keepalived"] = new(0, 0, (UnixFileMode)0b111_101_101, true),
        ["/etc/keepalived/check.sh"] = new(0, 0, (UnixFileMode)0b111_101_101, false),
        ["/tmp"] = new(0, 0, (UnixFileMode)0b1_111_111_111, true),
        ["/tmp/check.sh"] = new(1000, 1000, (UnixFileMode)0b111_101_101, false),
    };

    public Dictionary<string, string> Environment { get; } = new() { ["PATH"] = "/bin" };

    public HashSet<string> ResolvableHosts { get; } = ["localhost"];

    public string HostName { get; set; } = "lb1.example.com";

    public bool InterfaceExists(string name) => Interfaces.Contains(name);

    public (int Uid, int Gid)? ResolveAccount(string user, string? group)
    {
        if (!Users.TryGetValue(user, out var u))
        {
            return null;
        }

        if (group is null)
        {
            return u;
        }

        return Groups.TryGetValue(group, out var g) ? (u.Uid, g) : null;
    }

    public HostFileFacts? GetFileFacts(string path) => Files.GetValueOrDefault(path);

    public string? GetEnvironmentVariable(string name) => Environment.GetValueOrDefault(name);

    public bool CanResolveHostName(string name) => ResolvableHosts.Contains(name);
}
