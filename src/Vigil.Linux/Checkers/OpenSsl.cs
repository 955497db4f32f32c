using System.Runtime.InteropServices;

namespace Vigil.Linux.Checkers;

/// <summary>
/// Whether this host has an OpenSSL that .NET can use. .NET loads OpenSSL on the first TLS handshake or MD5, and a
/// process without it is aborted on the spot ("No usable version of libssl was found"), which no handler can catch.
/// So the checkers that need it (<c>SSL_GET</c>, and <c>HTTP_GET</c> with a <c>digest</c>) ask first and fail the
/// check with a clear reason instead, and nothing else is disturbed. The names are the ones .NET tries.
/// </summary>
public static class OpenSsl
{
    private static readonly Lazy<bool> s_available = new(Probe);

    /// <summary>The failure text for a check that needs OpenSSL on a host without it.</summary>
    public const string Missing = "OpenSSL is not installed (libssl3): TLS and MD5 digests are unavailable";

    public static bool IsAvailable => s_available.Value;

    private static bool Probe()
    {
        foreach (var name in (string[])["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10", "libssl.so"])
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return true;
            }
        }

        return false;
    }
}
