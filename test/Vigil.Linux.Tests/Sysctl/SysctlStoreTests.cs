using Vigil.Linux.Interop;
using Vigil.Linux.Sysctl;
using Vigil.Testing;

namespace Vigil.Linux.Tests.Sysctl;

public sealed class SysctlStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vigil-sysctl-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Fake(string iface, int rpFilter)
    {
        var dir = Path.Combine(_root, "net", "ipv4", "conf", iface);
        Directory.CreateDirectory(dir);
        foreach (var p in new[] { "arp_ignore", "arp_filter", "accept_local", "promote_secondaries" })
        {
            File.WriteAllText(Path.Combine(dir, p), "0\n");
        }

        File.WriteAllText(Path.Combine(dir, "rp_filter"), $"{rpFilter}\n");
    }

    private string Value(string path) => File.ReadAllText(Path.Combine(_root, path)).Trim();

    [Fact]
    public void SetAndRestoreAll_RemembersFirstOriginalOnly_RestoresNewestFirst()
    {
        Fake("eth0", 1);
        var store = new SysctlStore(_root);
        var path = SysctlStore.Ipv4Conf("eth0", "rp_filter");
        store.Set(path, 0);
        store.Set(path, 2);
        Assert.Equal("2", Value(path));
        Assert.Equal([(path, "1")], store.Saved);

        Assert.Empty(store.RestoreAll());
        Assert.Equal("1", Value(path));
        Assert.Empty(store.Saved);
    }

    [Fact]
    public void ApplyVmac_WithAllRpFilterOn_RaisesOthersClearsAllAndRestoresEverything()
    {
        Fake("all", 2);
        Fake("default", 1);
        Fake("lo", 0);
        Fake("eth0", 1);
        Fake("vrrp.51", 1);
        var store = new SysctlStore(_root);

        VmacSysctls.Apply(store, "vrrp.51", "eth0");

        Assert.Equal("1", Value("net/ipv4/conf/vrrp.51/arp_ignore"));
        Assert.Equal("1", Value("net/ipv4/conf/vrrp.51/accept_local"));
        Assert.Equal("0", Value("net/ipv4/conf/vrrp.51/rp_filter"));
        Assert.Equal("1", Value("net/ipv4/conf/vrrp.51/promote_secondaries"));
        Assert.Equal("1", Value("net/ipv4/conf/eth0/arp_ignore"));
        Assert.Equal("1", Value("net/ipv4/conf/eth0/arp_filter"));
        Assert.Equal("0", Value("net/ipv4/conf/all/rp_filter"));
        Assert.Equal("2", Value("net/ipv4/conf/eth0/rp_filter")); // no interface filters less than before
        Assert.Equal("2", Value("net/ipv4/conf/lo/rp_filter"));
        Assert.Equal("2", Value("net/ipv4/conf/default/rp_filter"));

        Directory.Delete(Path.Combine(_root, "net/ipv4/conf/vrrp.51"), recursive: true); // the VMAC went first
        Assert.Empty(store.RestoreAll());
        Assert.Equal("2", Value("net/ipv4/conf/all/rp_filter"));
        Assert.Equal("1", Value("net/ipv4/conf/eth0/rp_filter"));
        Assert.Equal("0", Value("net/ipv4/conf/lo/rp_filter"));
        Assert.Equal("1", Value("net/ipv4/conf/default/rp_filter"));
        Assert.Equal("0", Value("net/ipv4/conf/eth0/arp_ignore"));
        Assert.Equal("0", Value("net/ipv4/conf/eth0/arp_filter"));
    }

    [Fact]
    public void ApplyVmac_WithAllRpFilterOff_TouchesOnlyVmacAndParent()
    {
        Fake("all", 0);
        Fake("default", 1);
        Fake("eth0", 1);
        Fake("vrrp.51", 1);
        var store = new SysctlStore(_root);
        VmacSysctls.Apply(store, "vrrp.51", "eth0");
        Assert.Equal("1", Value("net/ipv4/conf/eth0/rp_filter"));
        Assert.Equal("1", Value("net/ipv4/conf/default/rp_filter"));
        Assert.DoesNotContain(store.Saved, s => s.Path.Contains("default", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/proc/sys/net")]
    [InlineData("net//ipv4")]
    public void Read_PathEscapingRoot_IsRejected(string path) =>
        Assert.Throws<ArgumentException>(() => new SysctlStore(_root).Read(path));

    [Fact]
    public void SetOnMissingInterface_ThrowsEnoent_ReadReturnsNull()
    {
        var store = new SysctlStore(_root);
        Assert.Null(store.Read(SysctlStore.Ipv4Conf("gone0", "rp_filter")));
        Assert.Equal(Errno.ENOENT, Assert.Throws<ErrnoException>(() => store.Set(SysctlStore.Ipv4Conf("gone0", "rp_filter"), 1)).Errno);
    }

    [NetFact]
    public void ApplyVmacInNamespace_ChangesOnlyThatNamespace_AndRestores()
    {
        using var lab = new Lab();
        var h = lab.Host("h");
        h.Ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        h.Ip("link", "add", "vrrp.51", "link", "v0", "type", "macvlan", "mode", "private");
        h.Exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1").EnsureSuccess("rp_filter");
        h.Exec("sysctl", "-qw", "net.ipv6.conf.v0.forwarding=1").EnsureSuccess("forwarding");
        string Cat(string p) => h.Exec("cat", "/proc/sys/" + p).StdOut.Trim();
        var hostAll = File.ReadAllText("/proc/sys/net/ipv4/conf/all/rp_filter").Trim();
        var v1Before = Cat("net/ipv4/conf/v1/rp_filter");

        var store = new SysctlStore();
        var (forwarding, notForwarding) = h.Run(() =>
        {
            VmacSysctls.Apply(store, "vrrp.51", "v0");
            return (VmacSysctls.Ipv6Forwarding(store, "v0"), VmacSysctls.Ipv6Forwarding(store, "v1"));
        });

        Assert.True(forwarding);
        Assert.False(notForwarding);
        Assert.Equal("1", Cat("net/ipv4/conf/vrrp.51/arp_ignore"));
        Assert.Equal("1", Cat("net/ipv4/conf/vrrp.51/accept_local"));
        Assert.Equal("0", Cat("net/ipv4/conf/vrrp.51/rp_filter")); // not undone by the later write of default/rp_filter
        Assert.Equal("1", Cat("net/ipv4/conf/vrrp.51/promote_secondaries"));
        Assert.Equal("1", Cat("net/ipv4/conf/v0/arp_filter"));
        Assert.Equal("0", Cat("net/ipv4/conf/all/rp_filter"));
        Assert.Equal("1", Cat("net/ipv4/conf/v1/rp_filter"));
        Assert.Equal(hostAll, File.ReadAllText("/proc/sys/net/ipv4/conf/all/rp_filter").Trim()); // the test host is untouched

        var failures = h.Run(() => store.RestoreAll());
        Assert.Empty(failures);
        Assert.Equal("1", Cat("net/ipv4/conf/all/rp_filter"));
        Assert.Equal("0", Cat("net/ipv4/conf/vrrp.51/arp_ignore"));
        Assert.Equal("0", Cat("net/ipv4/conf/v0/arp_filter"));
        Assert.Equal(v1Before, Cat("net/ipv4/conf/v1/rp_filter"));
    }
}
