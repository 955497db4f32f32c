namespace Vigil.Testing.Nodes;

/// <summary>
/// One daemon (Vigil or keepalived) on one host with eth0 (192.0.2.1/24) on a switch of its own: the set-up of the
/// single-node daemon tests (scripts, alerts, FAULT rules), which observe one daemon's lines and addresses.
/// </summary>
public sealed class SoloNode : IDisposable
{
    private SoloNode(Lab lab, NetNs host, DaemonNode node)
    {
        Lab = lab;
        Host = host;
        Node = node;
    }

    public Lab Lab { get; }

    public NetNs Host { get; }

    public DaemonNode Node { get; }

    /// <summary>Builds the lab; <paramref name="vigil"/> picks Vigil, else keepalived.</summary>
    public static SoloNode Create(bool vigil)
    {
        var lab = new Lab();
        try
        {
            var sw = lab.Switch();
            var h = lab.Host("n1");
            lab.Attach(h, "eth0", sw);
            h.AddAddress("eth0", "192.0.2.1/24");
            DaemonNode node = vigil ? new VigilNode(lab, h, "d") : new KeepalivedNode(lab, h, "d");
            return new SoloNode(lab, h, node);
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Node.Dispose();
        Lab.Dispose();
    }
}
