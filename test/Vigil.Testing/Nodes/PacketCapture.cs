using System.Diagnostics;

namespace Vigil.Testing.Nodes;

/// <summary>tcpdump on an interface inside a lab namespace, written to a pcap file and decoded afterwards.</summary>
public sealed class PacketCapture : IDisposable
{
    private readonly Process _process;

    public PacketCapture(Lab lab, NetNs ns, string ifName, string filter = "")
    {
        PcapPath = Path.Combine(Path.GetTempPath(), "vigil-tests", lab.Id, $"{ns.Name}-{ifName}-{Guid.NewGuid():N}.pcap");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(PcapPath)!);
        string[] args = ["-i", ifName, "-U", "--immediate-mode", "-n", "-s", "0", "-w", PcapPath, .. filter.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        _process = lab.Start(ns, "tcpdump", args, PcapPath + ".log");
        Eventually.Wait(() => File.Exists(PcapPath), TimeSpan.FromSeconds(5));
    }

    public string PcapPath { get; }

    /// <summary>Stops the capture and returns tcpdump's verbose decoding (-vv -n -e).</summary>
    public string StopAndDecode()
    {
        if (!_process.HasExited)
        {
            Cmd.Run("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _process.WaitForExit(5000);
        }

        return Cmd.Run("tcpdump", "-r", PcapPath, "-vv", "-n", "-e").StdOut;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
    }
}
