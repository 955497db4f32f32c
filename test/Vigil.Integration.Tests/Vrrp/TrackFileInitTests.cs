using Vigil.Testing;
using Vigil.Testing.Nodes;

namespace Vigil.Integration.Tests.Vrrp;

/// <summary>
/// <c>track_file ... init_file</c>: the daemon creates missing files (and rewrites one with <c>overwrite</c>) before it
/// reads them, so the instance starts at the priority the values give; keepalived 2.2.7 is the reference (same test).
/// </summary>
public class TrackFileInitTests
{
    [NetTheory("keepalived")]
    [InlineData(false)]
    [InlineData(true)]
    public void InitFile_CreatesAndOverwrites_AndThePriorityFollowsTheValues(bool vigil)
    {
        using var solo = SoloNode.Create(vigil);
        var node = solo.Node;
        var tf1 = Path.Combine(node.Directory, "tf1");
        var tf2 = Path.Combine(node.Directory, "tf2");
        var tf3 = Path.Combine(node.Directory, "tf3");
        var kept = Path.Combine(node.Directory, "kept");
        File.WriteAllText(tf3, "7\n");
        File.WriteAllText(kept, "5\n");
        node.Configure($$"""
            track_file TF1 {
                file {{tf1}}
                init_file
            }
            track_file TF2 {
                file {{tf2}}
                init_file 12
            }
            track_file TF3 {
                file {{tf3}}
                init_file -3 overwrite
            }
            track_file KEPT {
                file {{kept}}
                weight 2
                init_file 40
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority 100
                advert_int 1
                track_file {
                    TF1
                    TF2
                    TF3
                    KEPT
                }
                virtual_ipaddress {
                    203.0.113.100/32
                }
            }

            """);
        node.Start();

        // 100 + 0 + 12 - 3 + 2 × 5 = 119, reached in one step.
        Assert.True(node.WaitForLog(@"\(VI_1\) Entering BACKUP STATE \(init\)", TimeSpan.FromSeconds(10)), node.Log);
        Assert.Equal(1, node.CountLog(@"\(VI_1\) Changing effective priority from 100 to 119"));
        Assert.Equal(1, node.CountLog("Changing effective priority"));
        Assert.Equal(["0\n", "12\n", "-3\n", "5\n"], new[] { tf1, tf2, tf3, kept }.Select(File.ReadAllText));
    }
}
