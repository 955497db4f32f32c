namespace Vigil.Config.Tests;

/// <summary>Loads configuration text from an in-memory /etc/keepalived/keepalived.conf.</summary>
internal static class ConfigTestHelper
{
    public const string MainFile = "/etc/keepalived/keepalived.conf";

    public static ConfigLoadResult Load(string text, FakeHostFacts? host = null, ConfigLoadOptions? options = null, InMemoryConfigFileSystem? fs = null)
    {
        fs ??= new InMemoryConfigFileSystem();
        fs.Add(MainFile, text);
        return ConfigLoader.Load(MainFile, options ?? new ConfigLoadOptions { RandomSeed = 1 }, fs, host ?? new FakeHostFacts());
    }

    /// <summary>The formatted diagnostics, for readable assertion failures.</summary>
    public static string Report(this ConfigLoadResult r) => string.Join('\n', r.Diagnostics.Select(d => d.Format()));

    /// <summary>A minimal valid instance to embed in tests.</summary>
    public static string Instance(string name = "VI_1", string body = "") => $$"""
        vrrp_instance {{name}} {
            interface eth0
            virtual_router_id 51
            {{body}}
            virtual_ipaddress {
                192.0.2.10/24
            }
        }
        """;
}
