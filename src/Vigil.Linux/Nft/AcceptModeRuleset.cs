using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Linux.Nft;

/// <summary>
/// The nft command text of keepalived 2.2.7's firewall table (observed with <c>nft list ruleset</c> while keepalived ran
/// in a namespace): <c>table ip keepalived</c> / <c>table ip6 keepalived</c>, base chains <c>out</c> and <c>in</c> at
/// priority filter − 1 (<c>nftables_priority</c>), policy accept.
/// <list type="bullet">
/// <item>Accept mode off (<c>no_accept</c>, strict mode): set <c>vips</c>; <c>out: ip saddr @vips drop</c>,
/// <c>in: ip daddr @vips drop</c>. IPv6 adds the constant set <c>neighbor-discovery</c> (NS/NA always pass), and
/// link-local VIPs go in <c>vips_link_local</c> (address . interface) through the chains <c>in_link_local</c> /
/// <c>out_link_local</c>. Created when the first such instance becomes MASTER; a MASTER's VIPs are elements while it is
/// MASTER (the sets stay, empty, afterwards).</item>
/// <item><c>use_vmac</c>: map <c>vmac_map</c> (VMAC → parent); IGMP reports (IPv4) / MLDv2 reports (IPv6) leaving a
/// macvlan are duplicated to the parent and dropped on the VMAC; IPv6 router solicitations from a VMAC in
/// <c>vmac_set</c> are dropped. Created at start.</item>
/// </list>
/// Pure text: each method returns one transaction for <see cref="NftContext.Run"/>.
/// </summary>
public sealed class AcceptModeRuleset(string table = "keepalived", int priority = -1)
{
    public string Table { get; } = table;

    public int Priority { get; } = priority;

    public static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "ip6" : "ip";

    /// <summary>Removes a table left behind by a previous run (no error when there is none).</summary>
    public string Teardown(AddressFamily family) => $"add table {FamilyName(family)} {Table}\ndelete table {FamilyName(family)} {Table}\n";

    /// <summary>The table and its <c>out</c> base chain (shared by both parts).</summary>
    public string Base(AddressFamily family)
    {
        var f = FamilyName(family);
        return $"add table {f} {Table}\n" + BaseChain(f, "out", "output");
    }

    /// <summary>The accept-mode sets, chains and rules (once per family, after <see cref="Base"/>).</summary>
    public string AcceptMode(AddressFamily family)
    {
        var f = FamilyName(family);
        var t = $"{f} {Table}";
        var sb = new StringBuilder();
        if (family == AddressFamily.InterNetworkV6)
        {
            sb.Append(CultureInfo.InvariantCulture, $"add set {t} vips {{ type ipv6_addr; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add set {t} neighbor-discovery {{ type icmpv6_type; flags constant; elements = {{ nd-neighbor-solicit, nd-neighbor-advert }}; }}\n");
            sb.Append(CultureInfo.InvariantCulture, $"add set {t} vips_link_local {{ type ipv6_addr . iface_index; }}\n");
            sb.Append(BaseChain(f, "in", "input"));
            sb.Append(CultureInfo.InvariantCulture, $"add chain {t} in_link_local\n");
            sb.Append(CultureInfo.InvariantCulture, $"add chain {t} out_link_local\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} out icmpv6 type @neighbor-discovery accept\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} out ip6 saddr fe80::/10 goto out_link_local\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} out ip6 saddr @vips drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} in icmpv6 type @neighbor-discovery accept\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} in ip6 daddr fe80::/10 goto in_link_local\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} in ip6 daddr @vips drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} in_link_local ip6 daddr . iif @vips_link_local drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} out_link_local ip6 saddr . oif @vips_link_local drop\n");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"add set {t} vips {{ type ipv4_addr; }}\n");
            sb.Append(BaseChain(f, "in", "input"));
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} out ip saddr @vips drop\n");
            sb.Append(CultureInfo.InvariantCulture, $"add rule {t} in ip daddr @vips drop\n");
        }

        return sb.ToString();
    }

    /// <summary>The VMAC map (and IPv6 set) with their rules in <c>out</c> (once per family, after <see cref="Base"/>).</summary>
    public string VmacFilter(AddressFamily family)
    {
        var f = FamilyName(family);
        var t = $"{f} {Table}";
        if (family == AddressFamily.InterNetworkV6)
        {
            return $"add map {t} vmac_map {{ type iface_index : iface_index; }}\n" +
                $"add set {t} vmac_set {{ type iface_index; }}\n" +
                $"add rule {t} out icmpv6 type mld2-listener-report meta oifkind \"macvlan\" dup to ip6 daddr device oif map @vmac_map drop\n" +
                $"add rule {t} out icmpv6 type nd-router-solicit meta oifkind \"macvlan\" oif @vmac_set drop\n";
        }

        return $"add map {t} vmac_map {{ type iface_index : iface_index; }}\n" +
            $"add rule {t} out ip protocol igmp meta oifkind \"macvlan\" dup to ip daddr device oif map @vmac_map drop\n";
    }

    /// <summary>Adds (or deletes) one VMAC's elements.</summary>
    public string VmacElements(AddressFamily family, string vmac, string parent, bool add)
    {
        var f = FamilyName(family);
        var verb = add ? "add" : "delete";
        var text = $"{verb} element {f} {Table} vmac_map {{ {Quote(vmac)} : {Quote(parent)} }}\n";
        if (family == AddressFamily.InterNetworkV6)
        {
            text += $"{verb} element {f} {Table} vmac_set {{ {Quote(vmac)} }}\n";
        }

        return text;
    }

    /// <summary>Adds (or deletes) VIP elements: global ones in <c>vips</c>, IPv6 link-local ones with their interface in
    /// <c>vips_link_local</c>. All addresses must be of <paramref name="family"/>.</summary>
    public string VipElements(AddressFamily family, IReadOnlyList<(IPAddress Address, string Interface)> vips, bool add)
    {
        ArgumentNullException.ThrowIfNull(vips);
        var f = FamilyName(family);
        var verb = add ? "add" : "delete";
        var sb = new StringBuilder();
        var global = vips.Where(v => !v.Address.IsIPv6LinkLocal).Select(v => v.Address.ToString()).Distinct(StringComparer.Ordinal).ToList();
        var local = vips.Where(v => v.Address.IsIPv6LinkLocal).Select(v => $"{v.Address} . {Quote(v.Interface)}").Distinct(StringComparer.Ordinal).ToList();
        if (global.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{verb} element {f} {Table} vips {{ {string.Join(", ", global)} }}\n");
        }

        if (local.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{verb} element {f} {Table} vips_link_local {{ {string.Join(", ", local)} }}\n");
        }

        return sb.ToString();
    }

    private string BaseChain(string f, string name, string hook) =>
        $"add chain {f} {Table} {name} {{ type filter hook {hook} priority {Priority.ToString(CultureInfo.InvariantCulture)}; policy accept; }}\n";

    /// <summary>An interface name as an nft string literal (names cannot contain quotes; refuse anything odd).</summary>
    private static string Quote(string name)
    {
        if (name.Length == 0 || name.Any(c => c is '"' or '\\' or '\n' or ' '))
        {
            throw new ArgumentException($"unusable interface name {name}", nameof(name));
        }

        return $"\"{name}\"";
    }
}
