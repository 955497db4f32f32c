using System.Buffers.Binary;
using System.Net.Sockets;
using Vigil.Linux.Interop;

namespace Vigil.Linux.Netlink;

/// <summary>The kernel refused a netlink request: errno plus the extended-ack message when it sent one.</summary>
public sealed class NetlinkException(string operation, Errno errno, string? kernelMessage)
    : ErrnoException(operation, errno, kernelMessage)
{
    public string? KernelMessage { get; } = kernelMessage;
}

/// <summary>
/// A netlink socket (AF_NETLINK has no managed API: created by P/Invoke and wrapped in a managed
/// <see cref="System.Net.Sockets.Socket"/>). Requests are synchronous request/ack exchanges with the
/// kernel, which answers before sendmsg returns, so they never wait on the network. Use a separate
/// socket for multicast monitoring (<see cref="ReceiveAsync"/>) so events and acks never interleave.
/// </summary>
public sealed unsafe class NetlinkSocket : IDisposable
{
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];
    private uint _sequence;

    private NetlinkSocket(Socket socket, int protocol, uint portId)
    {
        Socket = socket;
        Protocol = protocol;
        PortId = portId;
    }

    public Socket Socket { get; }

    public int Protocol { get; }

    public uint PortId { get; }

    /// <summary>Opens and binds a netlink socket of <paramref name="protocol"/>, joined to the legacy group bitmask.</summary>
    public static NetlinkSocket Open(int protocol, uint groups = 0, int receiveBufferBytes = 0)
    {
        var fd = Libc.Socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
        if (fd < 0)
        {
            throw new ErrnoException($"socket(AF_NETLINK, {protocol})", Libc.LastErrno);
        }

        try
        {
            // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
            var addr = stackalloc byte[12];
            new Span<byte>(addr, 12).Clear();
            BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(addr, 2), Libc.AF_NETLINK);
            BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(addr + 8, 4), groups);
            if (Libc.Bind(fd, addr, 12) != 0)
            {
                throw new ErrnoException("bind(AF_NETLINK)", Libc.LastErrno);
            }

            var len = 12;
            if (Libc.GetSockName(fd, addr, &len) != 0)
            {
                throw new ErrnoException("getsockname(AF_NETLINK)", Libc.LastErrno);
            }

            var portId = BinaryPrimitives.ReadUInt32LittleEndian(new Span<byte>(addr + 4, 4));
            var one = 1;
            Libc.SetSockOpt(fd, Libc.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, &one, sizeof(int));
            Libc.SetSockOpt(fd, Libc.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, &one, sizeof(int));
            if (receiveBufferBytes > 0 &&
                Libc.SetSockOpt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, &receiveBufferBytes, sizeof(int)) != 0)
            {
                Libc.SetSockOpt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, &receiveBufferBytes, sizeof(int));
            }

            var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
            return new NetlinkSocket(socket, protocol, portId);
        }
        catch
        {
            Libc.Close(fd);
            throw;
        }
    }

    /// <summary>Joins a multicast group by number (needed for groups above 31, e.g. genl groups).</summary>
    public void AddMembership(uint group)
    {
        var fd = (int)Socket.Handle;
        Libc.SetSockOptInt(fd, Libc.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, (int)group, "NETLINK_ADD_MEMBERSHIP");
    }

    /// <summary>Sends a request with NLM_F_ACK and waits for the ack; throws <see cref="NetlinkException"/> on a kernel error.</summary>
    public void Request(byte[] message, string operation) => Exchange(message, operation, null, ack: true);

    /// <summary>
    /// Sends a request and returns every reply message with its sequence number (e.g. a dump, or a
    /// GET that answers with one message), stopping at NLMSG_DONE or the ack.
    /// </summary>
    public List<byte[]> Query(byte[] message, string operation)
    {
        var replies = new List<byte[]>();
        Exchange(message, operation, replies, ack: (BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6)) & Netlink.NLM_F_DUMP) == 0);
        return replies;
    }

    /// <summary>Receives one datagram of multicast events (or anything else queued).</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        Socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    private void Exchange(byte[] message, string operation, List<byte[]>? replies, bool ack)
    {
        var seq = ++_sequence;
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(message.AsSpan(6));
        flags |= Netlink.NLM_F_REQUEST;
        if (ack)
        {
            flags |= Netlink.NLM_F_ACK;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), seq);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(12), PortId);
        SendAll(message, operation);

        while (true)
        {
            int n;
            try
            {
                n = Socket.Receive(_receiveBuffer);
            }
            catch (SocketException e)
            {
                throw new ErrnoException($"{operation}: receive", (Errno)e.ErrorCode);
            }

            foreach (var msg in new NetlinkMessageEnumerator(_receiveBuffer.AsSpan(0, n)))
            {
                if (msg.Sequence != seq)
                {
                    continue; // a stale reply to an earlier, abandoned request
                }

                switch (msg.Type)
                {
                    case Netlink.NLMSG_ERROR:
                        var error = ParseError(msg, out var kernelMessage);
                        if (error != 0)
                        {
                            throw new NetlinkException(operation, (Errno)(-error), kernelMessage);
                        }

                        return; // the ack
                    case Netlink.NLMSG_DONE:
                        return;
                    default:
                        replies?.Add(msg.Whole.ToArray());
                        if (!ack && (msg.Flags & Netlink.NLM_F_MULTI) == 0)
                        {
                            return;
                        }

                        break;
                }
            }
        }
    }

    private void SendAll(byte[] message, string operation)
    {
        try
        {
            var sent = Socket.Send(message);
            if (sent != message.Length)
            {
                throw new ErrnoException($"{operation}: short send", Errno.EMSGSIZE);
            }
        }
        catch (SocketException e)
        {
            throw new ErrnoException($"{operation}: send", (Errno)e.ErrorCode);
        }
    }

    /// <summary>Parses NLMSG_ERROR: returns the (negative) error or 0 for an ack, and the extended-ack text.</summary>
    public static int ParseError(NetlinkMessage msg, out string? kernelMessage)
    {
        kernelMessage = null;
        var payload = msg.Payload;
        if (payload.Length < 4)
        {
            return -(int)Errno.EIO;
        }

        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        if ((msg.Flags & Netlink.NLM_F_ACK_TLVS) != 0 && payload.Length >= 4 + Netlink.HeaderLength)
        {
            var offset = 4 + Netlink.HeaderLength;
            if ((msg.Flags & Netlink.NLM_F_CAPPED) == 0)
            {
                var origLen = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
                offset = 4 + Netlink.Align(origLen);
            }

            if (offset < payload.Length && new NetlinkAttributes(payload[offset..]).TryGet(Netlink.NLMSGERR_ATTR_MSG, out var text))
            {
                kernelMessage = text.String;
            }
        }

        return error;
    }

    public void Dispose() => Socket.Dispose();
}
