using System.Net;
using System.Net.Sockets;
using Vigil.Linux.Nft;

namespace Vigil.Linux.VrrpRuntime;

/// <summary>
/// keepalived's nftables table for <c>no_accept</c> / strict mode and <c>use_vmac</c>, programmed in-process through
/// libnftables (<see cref="AcceptModeRuleset"/> has the text). Stateful so that each object is created once and only
/// elements that are present are deleted (a failed element makes the whole nft transaction fail). Thread-safe.
/// Failures are returned as text for the caller to log.
/// </summary>
internal sealed class AcceptModeFirewall(AcceptModeRuleset ruleset, Func<string, NftResult> run)
{
    private readonly Lock _gate = new();
    private readonly HashSet<AddressFamily> _base = [];
    private readonly HashSet<AddressFamily> _accept = [];
    private readonly HashSet<AddressFamily> _vmac = [];
    private readonly Dictionary<string, List<(AddressFamily Family, IPAddress Address, string Interface)>> _held = new(StringComparer.Ordinal);

    public AcceptModeFirewall(string table = "keepalived", int priority = -1)
        : this(new AcceptModeRuleset(table, priority), commands => NftContext.Run(commands))
    {
    }

    /// <summary>Drops a table a previous run left behind (both families).</summary>
    public string? Reset()
    {
        lock (_gate)
        {
            _base.Clear();
            _accept.Clear();
            _vmac.Clear();
            _held.Clear();
            return Run(ruleset.Teardown(AddressFamily.InterNetwork) + ruleset.Teardown(AddressFamily.InterNetworkV6));
        }
    }

    /// <summary>The VMAC's IGMP/MLD handling (at start, after the VMAC exists).</summary>
    public string? AddVmac(AddressFamily family, string vmac, string parent)
    {
        lock (_gate)
        {
            var text = BaseText(family);
            if (!_vmac.Contains(family))
            {
                text += ruleset.VmacFilter(family);
            }

            var error = Run(text + ruleset.VmacElements(family, vmac, parent, add: true));
            if (error is null)
            {
                _base.Add(family);
                _vmac.Add(family);
            }

            return error;
        }
    }

    /// <summary>An instance became MASTER with accept mode off: drop traffic to and from its VIPs.</summary>
    public string? Add(string instance, IReadOnlyList<(IPAddress Address, string Interface)> vips)
    {
        ArgumentNullException.ThrowIfNull(vips);
        lock (_gate)
        {
            if (_held.ContainsKey(instance))
            {
                return null;
            }

            var text = "";
            var created = new List<AddressFamily>();
            foreach (var family in vips.Select(v => v.Address.AddressFamily).Distinct())
            {
                text += BaseText(family);
                if (!_accept.Contains(family))
                {
                    text += ruleset.AcceptMode(family);
                    created.Add(family);
                }

                text += ruleset.VipElements(family, [.. vips.Where(v => v.Address.AddressFamily == family)], add: true);
            }

            var error = text.Length == 0 ? null : Run(text);
            if (error is null)
            {
                foreach (var family in created)
                {
                    _base.Add(family);
                    _accept.Add(family);
                }

                _held[instance] = [.. vips.Select(v => (v.Address.AddressFamily, v.Address, v.Interface))];
            }

            return error;
        }
    }

    /// <summary>The instance left MASTER: its VIPs are no longer dropped (the sets stay, as keepalived's do).</summary>
    public string? Remove(string instance)
    {
        lock (_gate)
        {
            if (!_held.Remove(instance, out var vips))
            {
                return null;
            }

            // An address another MASTER still holds stays in the set.
            var stillHeld = _held.Values.SelectMany(h => h).Select(h => (h.Address, h.Interface)).ToHashSet();
            var text = "";
            foreach (var family in vips.Select(v => v.Family).Distinct())
            {
                text += ruleset.VipElements(family, [.. vips.Where(v => v.Family == family && !stillHeld.Contains((v.Address, v.Interface))).Select(v => (v.Address, v.Interface))], add: false);
            }

            return text.Length == 0 ? null : Run(text);
        }
    }

    /// <summary>At exit: the tables go.</summary>
    public string? Teardown()
    {
        lock (_gate)
        {
            var text = string.Concat(_base.Select(ruleset.Teardown));
            _base.Clear();
            _accept.Clear();
            _vmac.Clear();
            _held.Clear();
            return text.Length == 0 ? null : Run(text);
        }
    }

    private string BaseText(AddressFamily family) => _base.Contains(family) ? "" : ruleset.Base(family);

    private string? Run(string text)
    {
        var result = run(text);
        return result.Succeeded ? null : $"nftables: {result.Error}";
    }
}
