using System.Globalization;
using System.Security.Cryptography;

namespace Vigil.Linux.Checkers;

/// <summary>
/// Consumes an HTTP/1.x response as it arrives: the header ends at the first CRLFCRLF (keepalived needs
/// exactly that: a response with bare LFs has no header for it), the status code comes from the status
/// line, and everything after is body up to the connection close — no chunked decoding, no
/// Content-Length, the MD5 is over the raw bytes (what genhash prints and <c>digest</c> compares).
/// Bounded: more than <see cref="MaxBytes"/> in total makes <see cref="Feed"/> return false.
/// </summary>
internal sealed class HttpResponseReader : IDisposable
{
    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private readonly IncrementalHash? _md5;
    private readonly MemoryStream _header = new();
    private readonly MemoryStream? _body;
    private readonly int _bodyKeep;
    private long _total;

    /// <param name="hashBody">Compute the body's MD5 (needs OpenSSL; only for <c>digest</c> and genhash).</param>
    public HttpResponseReader(int maxBytes, int keepBodyBytes, bool hashBody = true)
    {
        _md5 = hashBody ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        MaxBytes = maxBytes;
        _bodyKeep = keepBodyBytes;
        _body = keepBodyBytes > 0 ? new MemoryStream() : null;
    }

    public int MaxBytes { get; }

    public bool HeaderComplete { get; private set; }

    /// <summary>The header bytes including the final CRLFCRLF (all received bytes while incomplete).</summary>
    public ReadOnlySpan<byte> Header => _header.GetBuffer().AsSpan(0, (int)_header.Length);

    /// <summary>The body bytes kept (at most the requested number).</summary>
    public ReadOnlySpan<byte> Body => _body is null ? default : _body.GetBuffer().AsSpan(0, (int)_body.Length);

    public long BodyLength { get; private set; }

    public long TotalBytes => _total;

    /// <summary>Status code from the status line, or -1 when there is none.</summary>
    public int StatusCode
    {
        get
        {
            if (!HeaderComplete)
            {
                return -1;
            }

            var h = Header;
            var eol = h.IndexOf("\r\n"u8);
            var line = h[..eol];
            if (!line.StartsWith("HTTP/"u8))
            {
                return -1;
            }

            var sp = line.IndexOf((byte)' ');
            if (sp < 0)
            {
                return -1;
            }

            var rest = line[(sp + 1)..];
            var n = 0;
            while (n < rest.Length && n < 3 && rest[n] is >= (byte)'0' and <= (byte)'9')
            {
                n++;
            }

            return n == 3 && int.TryParse(rest[..3], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : -1;
        }
    }

    /// <summary>Adds received bytes; false when the response exceeds <see cref="MaxBytes"/>.</summary>
    public bool Feed(ReadOnlySpan<byte> data)
    {
        _total += data.Length;
        if (_total > MaxBytes)
        {
            return false;
        }

        if (!HeaderComplete)
        {
            var before = (int)_header.Length;
            _header.Write(data);
            var all = Header;

            // Search from just before the new bytes so a CRLFCRLF split across reads is found.
            var from = Math.Max(0, before - 3);
            var idx = all[from..].IndexOf(HeaderEnd);
            if (idx < 0)
            {
                return true;
            }

            var end = from + idx + HeaderEnd.Length;
            HeaderComplete = true;
            var bodyPart = all[end..].ToArray();
            _header.SetLength(end);
            AppendBody(bodyPart);
            return true;
        }

        AppendBody(data);
        return true;
    }

    /// <summary>MD5 of the body so far.</summary>
    public byte[] BodyMd5() => _md5?.GetCurrentHash() ?? throw new InvalidOperationException("the body is not hashed");

    public void Dispose()
    {
        _md5?.Dispose();
        _header.Dispose();
        _body?.Dispose();
    }

    private void AppendBody(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        BodyLength += data.Length;
        _md5?.AppendData(data);
        if (_body is not null && _body.Length < _bodyKeep)
        {
            _body.Write(data[..(int)Math.Min(data.Length, _bodyKeep - _body.Length)]);
        }
    }
}
