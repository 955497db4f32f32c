using Vigil.Testing;

namespace Vigil.Linux.Tests.Vrrp;

/// <summary>tcpdump on a switch namespace's bridge, writing to a temporary pcap that is removed on dispose.</summary>
internal sealed class PacketCapture : IDisposable
{
    private readonly string _dir;

    private PacketCapture(string dir) => _dir = dir;

    public string File => Path.Combine(_dir, "cap.pcap");

    /// <summary>Starts tcpdump (killed with the lab) and waits until it listens.</summary>
    public static PacketCapture Start(Lab lab, NetNs sw, string filter, string interfaceName = "br0")
    {
        var capture = new PacketCapture(Directory.CreateTempSubdirectory("vigil-cap-").FullName);
        var log = Path.Combine(capture._dir, "tcpdump.log");
        lab.Start(sw, "tcpdump", ["-i", interfaceName, "-U", "-n", "-w", capture.File, filter], log);
        Eventually.True(() => System.IO.File.Exists(log) && System.IO.File.ReadAllText(log).Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "tcpdump listening");
        return capture;
    }

    /// <summary>`tcpdump -vv -n [-e] [-x] -r FILE` once at least <paramref name="expectedPackets"/> packets were written.</summary>
    public string Decode(int expectedPackets, params string[] extra)
    {
        var text = "";
        Eventually.True(
            () =>
            {
                text = Cmd.Run("tcpdump", ["-vv", "-n", .. extra, "-r", File], TimeSpan.FromSeconds(10)).StdOut;
                return text.Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0])) >= expectedPackets;
            },
            TimeSpan.FromSeconds(5),
            $"tcpdump wrote {expectedPackets} packets");
        return text;
    }

    /// <summary>The captured frames (pcap records: 24-byte file header, then 16-byte record header + frame).</summary>
    public IReadOnlyList<byte[]> Frames()
    {
        var bytes = System.IO.File.ReadAllBytes(File);
        var frames = new List<byte[]>();
        var offset = 24;
        while (offset + 16 <= bytes.Length)
        {
            var captured = BitConverter.ToInt32(bytes, offset + 8);
            if (offset + 16 + captured > bytes.Length)
            {
                break;
            }

            frames.Add(bytes[(offset + 16)..(offset + 16 + captured)]);
            offset += 16 + captured;
        }

        return frames;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
