using System.Globalization;
using System.Text;

namespace Vigil.Linux.Checkers;

/// <summary>Reads one SMTP reply (give it a buffered stream: it reads byte by byte) (RFC 5321 §4.2: "NNN-text" continuation lines, "NNN text" last), bounded.</summary>
internal static class SmtpReply
{
    public const int MaxReplyBytes = 8192;

    /// <summary>The reply code, or -1 for a malformed reply; null when the peer closed first.</summary>
    public static async ValueTask<int?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var total = 0;
        var single = new byte[1];
        while (true)
        {
            var n = await stream.ReadAsync(single, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            if (++total > MaxReplyBytes)
            {
                return -1;
            }

            var c = (char)single[0];
            if (c != '\n')
            {
                if (c != '\r')
                {
                    line.Append(c);
                }

                continue;
            }

            var text = line.ToString();
            line.Clear();
            if (text.Length < 3 || !int.TryParse(text.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                return -1;
            }

            if (text.Length > 3 && text[3] == '-')
            {
                continue;
            }

            return code;
        }
    }
}
