using System.Net;
using Vigil.Testing;
using Vigil.Testing.Nodes;
using Vigil.Testing.Servers;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>smtp_alert for VRRP transitions delivered to an SMTP server the test runs on the namespace's loopback;
/// the subjects and bodies are keepalived 2.2.7's (the same test with keepalived).</summary>
public class SmtpAlertDaemonTests
{
    [NetTheory("keepalived")]
    [InlineData(true)]
    [InlineData(false)]
    public void VrrpTransitions_AreMailed(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var h = solo.Host;
        var node = solo.Node;
        h.Ip("link", "set", "lo", "up");
        using var sink = new SmtpSink(h, IPAddress.Loopback);
        var port = sink.Port;
        node.Configure($$"""
            global_defs {
                router_id R1
                notification_email {
                    a@example.com
                    b@example.com
                }
                notification_email_from vigil@example.com
                smtp_server 127.0.0.1 {{port}}
                smtp_helo_name vm
                smtp_connect_timeout 5
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 150
                version 3
                advert_int 0.1
                smtp_alert
                virtual_ipaddress {
                    203.0.113.100/32
                }
            }

            """).Start();
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);
        h.Ip("link", "set", "eth0", "down");
        Eventually.True(() => sink.Messages.Count >= 3, TimeSpan.FromSeconds(15), "three mails\n" + node.Log);

        Assert.Equal(
            [
                "Subject: [R1] VRRP Instance VI_1 - Entering BACKUP state|=> VRRP Instance is no longer owning VRRP VIPs <=",
                "Subject: [R1] VRRP Instance VI_1 - Entering MASTER state|=> VRRP Instance is now owning VRRP VIPs <=",
                "Subject: [R1] VRRP Instance VI_1 - Entering FAULT state|=> VRRP Instance is no longer owning VRRP VIPs <=",
            ],
            sink.Messages.Take(3).Select(m => Line(m, "Subject: ") + "|" + Line(m, "=> ")));
        var first = sink.Messages[0];
        Assert.StartsWith("HELO vm\r\nMAIL FROM:<vigil@example.com>\r\nRCPT TO:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n", first, StringComparison.Ordinal);
        Assert.Contains("\r\nFrom: vigil@example.com\r\n", first, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Mailer: Keepalived\r\nTo: a@example.com, b@example.com\r\n\r\n", first, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n.\r\nQUIT\r\n", first, StringComparison.Ordinal);
    }

    [NetTheory("keepalived")]
    [InlineData(true)]
    [InlineData(false)]
    public void SyncGroupTransitions_AreMailed(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var h = solo.Host;
        var node = solo.Node;
        h.Ip("link", "set", "lo", "up");
        using var sink = new SmtpSink(h, IPAddress.Loopback);
        var port = sink.Port;
        node.Configure($$"""
            global_defs {
                router_id R1
                notification_email {
                    a@example.com
                }
                notification_email_from vigil@example.com
                smtp_server 127.0.0.1 {{port}}
                smtp_helo_name vm
                smtp_connect_timeout 5
            }
            vrrp_sync_group G1 {
                group {
                    VI_1
                    VI_2
                }
                smtp_alert
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 150
                version 3
                advert_int 0.1
                virtual_ipaddress {
                    203.0.113.100/32
                }
            }
            vrrp_instance VI_2 {
                state BACKUP
                interface eth0
                virtual_router_id 52
                priority 150
                version 3
                advert_int 0.1
                virtual_ipaddress {
                    203.0.113.101/32
                }
            }

            """).Start();
        Assert.True(node.WaitForLog(@"\(VI_2\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering MASTER STATE", TimeSpan.FromSeconds(10)), node.Log);
        h.Ip("link", "set", "eth0", "down");
        Eventually.True(() => sink.Messages.Count >= 3, TimeSpan.FromSeconds(15), "three mails\n" + node.Log);

        // keepalived 2.2.7: one mail per group transition, none for the members (they have no smtp_alert).
        Thread.Sleep(500);
        Assert.Equal(
            [
                "Subject: [R1] VRRP Group G1 - Entering BACKUP state|=> All VRRP group instances are now in BACKUP state <=",
                "Subject: [R1] VRRP Group G1 - Entering MASTER state|=> All VRRP group instances are now in MASTER state <=",
                "Subject: [R1] VRRP Group G1 - Entering FAULT state|=> All VRRP group instances are now in FAULT state <=",
            ],
            sink.Messages.Select(m => Line(m, "Subject: ") + "|" + Line(m, "=> ")));
    }

    private static string Line(string message, string prefix) =>
        message.Split("\r\n").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? "";
}
