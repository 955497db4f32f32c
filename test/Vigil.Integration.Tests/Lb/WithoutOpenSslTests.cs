using System.Net;
using Vigil.Testing;
using Vigil.Testing.Nodes;
using Vigil.Testing.Servers;

namespace Vigil.Integration.Tests.Lb;

/// <summary>
/// A director without OpenSSL (libssl and libcrypto hidden by bind mounts in a private mount namespace): .NET aborts a
/// process that touches TLS, MD5 or its random number generator there. HTTP_GET without a digest, DNS_CHECK,
/// UDP_CHECK and PING_CHECK still work; SSL_GET and a digest fail their check with the reason; the daemon lives on.
/// </summary>
public class WithoutOpenSslTests
{
    [NetFact("nft", "unshare")]
    public void CheckersThatNeedNoOpenSsl_Work_TheOthersFailWithTheReason_AndTheDaemonLives()
    {
        var libs = new[] { "libssl.so.3", "libcrypto.so.3" }
            .Select(l => Path.Combine("/usr/lib/x86_64-linux-gnu", l)).Where(File.Exists).ToList();
        Assert.True(libs.Count == 2, "libssl3 is expected on the test host (Debian path)");
        using var lab = new Lab();
        var h = lab.Host("lb");
        h.Ip("link", "set", "lo", "up");
        using var web = new TinyHttpServer(h, IPAddress.Parse("127.0.0.2"), 80, "web");
        using var node = new VigilNode(lab, h, "d");
        node.Configure("""
            global_defs {
                lvs_backend nftables
            }
            virtual_server 127.0.0.1 8080 {
                protocol TCP
                lvs_sched rr
                lvs_method NAT
                delay_loop 1
                real_server 127.0.0.2 80 {
                    HTTP_GET {
                        url {
                            path /
                        }
                        connect_timeout 1
                    }
                }
                real_server 127.0.0.3 80 {
                    HTTP_GET {
                        url {
                            path /
                            digest 0123456789abcdef0123456789abcdef
                        }
                        connect_timeout 1
                    }
                }
                real_server 127.0.0.4 443 {
                    SSL_GET {
                        url {
                            path /
                        }
                        connect_timeout 1
                    }
                }
                real_server 127.0.0.5 53 {
                    DNS_CHECK {
                        name example.com
                        connect_timeout 1
                    }
                }
                real_server 127.0.0.6 53 {
                    UDP_CHECK {
                        connect_timeout 1
                    }
                }
                real_server 127.0.0.7 80 {
                    PING_CHECK {
                        connect_timeout 1
                    }
                }
            }
            """);
        var (exe, prefix) = VigilNode.Executable;
        var command = string.Join(' ', libs.Select(l => $"mount --bind /dev/null {l} &&")) + " exec " +
            string.Join(' ', new[] { exe }.Concat(prefix).Concat(["-n", "-l", "-D", "-C", "-f", node.ConfigPath,
                "-p", Path.Combine(node.Directory, "k.pid"), "-c", Path.Combine(node.Directory, "c.pid")]).Select(a => "'" + a + "'"));
        using var daemon = lab.Start(h, "unshare", ["-m", "sh", "-c", command], node.LogPath);

        const string missing = @"cannot run: OpenSSL is not installed \(libssl3\): TLS and MD5 digests are unavailable";
        Assert.True(node.WaitForLog(@"SSL_CHECK on service \[127\.0\.0\.4\]:tcp:443 " + missing, TimeSpan.FromSeconds(15)), node.Log);
        Assert.True(node.WaitForLog(@"HTTP_CHECK on service \[127\.0\.0\.3\]:tcp:80 " + missing, TimeSpan.FromSeconds(5)), node.Log);
        Assert.True(node.WaitForLog(@"DNS_CHECK \(\[127\.0\.0\.5\]:tcp:53\) failed", TimeSpan.FromSeconds(5)), node.Log);
        Assert.True(node.WaitForLog(@"UDP_CHECK on service \[127\.0\.0\.6\]:tcp:53 failed", TimeSpan.FromSeconds(5)), node.Log);

        // Three more check rounds: still running, the plain HTTP_GET and the ping never failed.
        Thread.Sleep(3000);
        Assert.False(daemon.HasExited, node.Log);
        Assert.DoesNotContain("No usable version of libssl", node.Log, StringComparison.Ordinal);
        Assert.Equal(0, node.CountLog(@"\[127\.0\.0\.2\]:tcp:80 failed"));
        Assert.Equal(0, node.CountLog(@"\[127\.0\.0\.7\]:tcp:80 failed"));
        Assert.True(web.Requests > 0, node.Log);
    }
}
