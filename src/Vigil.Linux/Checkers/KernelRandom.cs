using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Checkers;

/// <summary>
/// Unpredictable bytes from the kernel (getrandom(2)) for probe identifiers and payloads (DNS ids, ICMP ids, UDP
/// payloads). .NET's <c>RandomNumberGenerator</c> goes through OpenSSL on Linux, and a host without it aborts the
/// process on first use; these checkers must work there (see <see cref="OpenSsl"/>).
/// </summary>
internal static unsafe class KernelRandom
{
    public static void Fill(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            var done = 0;
            while (done < buffer.Length)
            {
                var n = Libc.GetRandom(p + done, (nuint)(buffer.Length - done), 0);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == 4)
                    {
                        continue; // EINTR
                    }

                    // getrandom exists since Linux 3.17; fall back to a non-cryptographic source rather than fail a probe.
                    Random.Shared.NextBytes(buffer[done..]);
                    return;
                }

                done += (int)n;
            }
        }
    }

    public static byte[] GetBytes(int count)
    {
        var b = new byte[count];
        Fill(b);
        return b;
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static int GetInt32(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(min, max);
        Span<byte> b = stackalloc byte[8];
        Fill(b);
        var range = (ulong)((long)max - min);
        return (int)(min + (long)(BinaryPrimitives.ReadUInt64LittleEndian(b) % range));
    }
}
