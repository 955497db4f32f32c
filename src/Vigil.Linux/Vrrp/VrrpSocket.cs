using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Linux.Interop;
using static Vigil.Linux.Interop.Libc;

namespace Vigil.Linux.Vrrp;

/// <summary>
/// A raw IP protocol 112 socket for one (interface, family, unicast source), shared by every VRRP instance that
/// uses it (the engine demultiplexes by VRID). .NET refuses <c>new Socket(…, Raw, 112)</c>, so the fd comes from
/// socket(2) and is wrapped in a <see cref="SafeSocketHandle"/>.
/// <para>
/// IPv4: adverts carry our own header (IP_HDRINCL: TOS 0xC0, caller's IP id, no DF, TTL 255 or the unicast TTL);
/// multicast goes out with MSG_DONTROUTE, unicast is routed (peers on other subnets). IPv6: the kernel builds the
/// header and the VRRP checksum (IPV6_CHECKSUM 6), traffic class 0xC0, multicast hop limit 255; the source and
/// interface are chosen per send with IPV6_PKTINFO. Both: SO_BINDTODEVICE, IP(V6)_MULTICAST_ALL 0, no multicast
/// loopback (reference §3.1).
/// </para>
/// Receives are asynchronous: a MSG_PEEK receive on the runtime's epoll engine waits for a datagram (no thread is
/// blocked), then a non-blocking recvmsg(2) reads it with its control messages (the IPv6 hop limit is only
/// available that way). One receiver at a time; sends may come from any thread.
/// </summary>
public sealed class VrrpSocket : IDisposable
{
    private const int ControlBufferLength = 256;

    private readonly Socket _socket;
    private readonly byte[] _peek = new byte[1];
    private readonly int _unicastTtl;
    private long _dropped;

    private VrrpSocket(Socket socket, VrrpSocketOptions options, int interfaceIndex)
    {
        _socket = socket;
        Options = options;
        InterfaceIndex = interfaceIndex;
        _unicastTtl = options.UnicastTtl ?? 255;
    }

    public VrrpSocketOptions Options { get; }

    public int InterfaceIndex { get; }

    public AddressFamily Family => Options.Family;

    /// <summary>Datagrams read but not returned: truncated (larger than the buffer) or with an unusable IPv4 header.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _dropped);

    /// <summary>Opens the socket in the calling thread's network namespace. Throws <see cref="ErrnoException"/> on failure.</summary>
    public static VrrpSocket Open(VrrpSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("VRRP runs over IPv4 or IPv6", nameof(options));
        }

        if (options.UnicastSource is { } src && src.AddressFamily != options.Family)
        {
            throw new ArgumentException($"unicast source {src} is not {options.Family}", nameof(options));
        }

        if (options.Group.AddressFamily != options.Family || !IsMulticast(options.Group))
        {
            throw new ArgumentException($"multicast group {options.Group} is not an {options.Family} multicast address", nameof(options));
        }

        if (options.UnicastTtl is < 1 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.UnicastTtl, "unicast TTL must be 1..255");
        }

        var index = InterfaceIndexOf(options.InterfaceName);
        var v6 = options.Family == AddressFamily.InterNetworkV6;
        var fd = Socket(v6 ? AF_INET6 : AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_VRRP);
        if (fd < 0)
        {
            throw new ErrnoException($"socket({(v6 ? "AF_INET6" : "AF_INET")}, SOCK_RAW, 112)", LastErrno);
        }

        try
        {
            BindToDevice(fd, options.InterfaceName);
            if (options.ReceiveBufferBytes > 0)
            {
                SetSockOptInt(fd, SOL_SOCKET, SO_RCVBUF, options.ReceiveBufferBytes, "SO_RCVBUF");
            }

            if (v6)
            {
                ConfigureV6(fd, options, index);
            }
            else
            {
                ConfigureV4(fd, options, index);
            }

            return new VrrpSocket(new Socket(new SafeSocketHandle(fd, ownsHandle: true)), options, index);
        }
        catch
        {
            Close(fd);
            throw;
        }
    }

    /// <summary>
    /// Sends one VRRP message from <paramref name="source"/> to <paramref name="destination"/> (the group, or one
    /// unicast peer: call once per peer; the checksum of a v3 IPv4 advert depends on the destination). For IPv4,
    /// <paramref name="ipId"/> is the header's identification (keepalived counts it per instance, never 0).
    /// <paramref name="unicastTtl"/> overrides <see cref="VrrpSocketOptions.UnicastTtl"/> for this send (instances
    /// sharing the socket may differ); multicast adverts always carry 255.
    /// Throws <see cref="ErrnoException"/> when the kernel refuses (interface down, no route…).
    /// </summary>
    public void Send(ReadOnlySpan<byte> vrrpMessage, IPAddress source, IPAddress destination, ushort ipId = 0, int? unicastTtl = null)
    {
        if (unicastTtl is < 1 or > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(unicastTtl), unicastTtl, "TTL must be 1..255");
        }

        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != Family || destination.AddressFamily != Family)
        {
            throw new ArgumentException($"addresses must be {Family}");
        }

        if (vrrpMessage.Length > 65535 - Ipv4Header.Length)
        {
            throw new ArgumentException("VRRP message too long", nameof(vrrpMessage));
        }

        var multicast = IsMulticast(destination);
        var added = false;
        var handle = _socket.SafeHandle;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            if (Family == AddressFamily.InterNetwork)
            {
                SendV4(fd, vrrpMessage, source, destination, ipId, multicast ? (byte)255 : (byte)(unicastTtl ?? _unicastTtl), multicast);
            }
            else
            {
                SendV6(fd, vrrpMessage, source, destination, multicast, multicast ? null : unicastTtl);
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Waits for the next VRRP datagram. <paramref name="buffer"/> should hold at least the interface MTU; larger
    /// datagrams are dropped and counted in <see cref="DroppedDatagrams"/>. Disposing the socket ends a pending
    /// receive with <see cref="ObjectDisposedException"/>; cancellation with <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask<VrrpDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Wait for readability without consuming the datagram.
            try
            {
                await _socket.ReceiveAsync(_peek, SocketFlags.Peek, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
            {
                throw new ObjectDisposedException(nameof(VrrpSocket), "the socket was closed while receiving");
            }
            catch (SocketException e)
            {
                throw new ErrnoException($"receive VRRP on {Options.InterfaceName}", (Errno)e.NativeErrorCode, e.SocketErrorCode.ToString());
            }

            if (TryReceive(buffer, out var datagram))
            {
                return datagram;
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static bool IsMulticast(IPAddress a) => a.AddressFamily == AddressFamily.InterNetworkV6
        ? a.IsIPv6Multicast
        : (a.GetAddressBytes()[0] & 0xF0) == 0xE0;

    private unsafe static int InterfaceIndexOf(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        uint index;
        fixed (byte* p = bytes)
        {
            index = IfNameToIndex(p);
        }

        if (index == 0)
        {
            throw new ErrnoException($"if_nametoindex({name})", LastErrno == Errno.None ? Errno.ENODEV : LastErrno);
        }

        return (int)index;
    }

    private unsafe static void BindToDevice(int fd, string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name + "\0");
        fixed (byte* p = bytes)
        {
            if (SetSockOpt(fd, SOL_SOCKET, SO_BINDTODEVICE, p, bytes.Length) != 0)
            {
                throw new ErrnoException($"SO_BINDTODEVICE {name}", LastErrno);
            }
        }
    }

    private unsafe static void ConfigureV4(int fd, VrrpSocketOptions options, int index)
    {
        SetSockOptInt(fd, IPPROTO_IP, IP_HDRINCL, 1, "IP_HDRINCL");
        SetSockOptInt(fd, IPPROTO_IP, IP_PKTINFO, 1, "IP_PKTINFO");
        SetSockOptInt(fd, IPPROTO_IP, IP_MULTICAST_ALL, 0, "IP_MULTICAST_ALL");
        SetSockOptInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0, "IP_MULTICAST_LOOP");
        var mreq = new IpMreqn { imr_ifindex = index };
        if (SetSockOpt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof(IpMreqn)) != 0)
        {
            throw new ErrnoException("IP_MULTICAST_IF", LastErrno);
        }

        IPAddress bindTo;
        if (options.UnicastSource is { } unicast)
        {
            SetSockOptInt(fd, IPPROTO_IP, IP_FREEBIND, 1, "IP_FREEBIND");
            bindTo = unicast;
        }
        else
        {
            mreq.imr_multiaddr = AddressToUInt32(options.Group);
            if (SetSockOpt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(IpMreqn)) != 0)
            {
                throw new ErrnoException($"IP_ADD_MEMBERSHIP {options.Group} on {options.InterfaceName}", LastErrno);
            }

            bindTo = options.Group;
        }

        // A raw socket bound to an address only receives datagrams addressed to it: the group in multicast mode,
        // the unicast source in unicast mode (keepalived binds its receive sockets the same way).
        Span<byte> sin = stackalloc byte[16];
        WriteSockaddrIn(sin, bindTo);
        fixed (byte* p = sin)
        {
            if (Bind(fd, p, 16) != 0)
            {
                throw new ErrnoException($"bind {bindTo}", LastErrno);
            }
        }
    }

    private unsafe static void ConfigureV6(int fd, VrrpSocketOptions options, int index)
    {
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, 6, "IPV6_CHECKSUM");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, 0, "IPV6_MULTICAST_ALL");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, index, "IPV6_MULTICAST_IF");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
        SetSockOptInt(fd, IPPROTO_IPV6, IPV6_TCLASS, Ipv4Header.Tos, "IPV6_TCLASS");
        if (options.UnicastTtl is int hops)
        {
            SetSockOptInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, hops, "IPV6_UNICAST_HOPS");
        }

        IPAddress bindTo;
        if (options.UnicastSource is { } unicast)
        {
            SetSockOptInt(fd, IPPROTO_IPV6, IPV6_FREEBIND, 1, "IPV6_FREEBIND");
            bindTo = unicast;
        }
        else
        {
            var mreq = default(Ipv6Mreq);
            options.Group.TryWriteBytes(new Span<byte>(mreq.ipv6mr_multiaddr, 16), out _);
            mreq.ipv6mr_interface = index;
            if (SetSockOpt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mreq, sizeof(Ipv6Mreq)) != 0)
            {
                throw new ErrnoException($"IPV6_ADD_MEMBERSHIP {options.Group} on {options.InterfaceName}", LastErrno);
            }

            bindTo = options.Group;
        }

        Span<byte> sin6 = stackalloc byte[28];
        WriteSockaddrIn6(sin6, bindTo, index);
        fixed (byte* p = sin6)
        {
            if (Bind(fd, p, 28) != 0)
            {
                throw new ErrnoException($"bind {bindTo}", LastErrno);
            }
        }
    }

    private unsafe static void SendV4(int fd, ReadOnlySpan<byte> vrrp, IPAddress source, IPAddress destination, ushort id, byte ttl, bool multicast)
    {
        var length = Ipv4Header.Length + vrrp.Length;
        var packet = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Ipv4Header.Write(packet, vrrp.Length, id, ttl, source, destination);
        vrrp.CopyTo(packet[Ipv4Header.Length..]);
        Span<byte> sin = stackalloc byte[16];
        WriteSockaddrIn(sin, destination);
        nint sent;
        fixed (byte* p = packet)
        fixed (byte* a = sin)
        {
            do
            {
                sent = SendTo(fd, p, (nuint)length, multicast ? MSG_DONTROUTE : 0, a, 16);
            }
            while (sent < 0 && LastErrno == Errno.EINTR);
        }

        if (sent < 0)
        {
            throw new ErrnoException($"send VRRP {source} -> {destination}", LastErrno);
        }
    }

    private unsafe void SendV6(int fd, ReadOnlySpan<byte> vrrp, IPAddress source, IPAddress destination, bool multicast, int? hopLimit)
    {
        Span<byte> sin6 = stackalloc byte[28];
        WriteSockaddrIn6(sin6, destination, InterfaceIndex);
        var controlLength = CmsgSpace(sizeof(In6PktInfo)) + (hopLimit is null ? 0 : CmsgSpace(sizeof(int)));
        var control = stackalloc byte[controlLength];
        new Span<byte>(control, controlLength).Clear();
        var cmsg = (CmsgHdr*)control;
        cmsg->cmsg_len = (nuint)(CmsgAlign(CmsgHeaderLength) + sizeof(In6PktInfo));
        cmsg->cmsg_level = IPPROTO_IPV6;
        cmsg->cmsg_type = IPV6_PKTINFO;
        var info = (In6PktInfo*)(control + CmsgAlign(CmsgHeaderLength));
        source.TryWriteBytes(new Span<byte>(info->ipi6_addr, 16), out _);
        info->ipi6_ifindex = InterfaceIndex;
        if (hopLimit is int hops)
        {
            var hopCmsg = (CmsgHdr*)(control + CmsgSpace(sizeof(In6PktInfo)));
            hopCmsg->cmsg_len = (nuint)(CmsgAlign(CmsgHeaderLength) + sizeof(int));
            hopCmsg->cmsg_level = IPPROTO_IPV6;
            hopCmsg->cmsg_type = IPV6_HOPLIMIT;
            *(int*)((byte*)hopCmsg + CmsgAlign(CmsgHeaderLength)) = hops;
        }

        nint sent;
        fixed (byte* data = vrrp)
        fixed (byte* name = sin6)
        {
            var iov = new IoVec { iov_base = data, iov_len = (nuint)vrrp.Length };
            var msg = new MsgHdr
            {
                msg_name = name,
                msg_namelen = 28,
                msg_iov = &iov,
                msg_iovlen = 1,
                msg_control = control,
                msg_controllen = (nuint)controlLength,
            };
            do
            {
                sent = Libc.SendMsg(fd, &msg, multicast ? MSG_DONTROUTE : 0);
            }
            while (sent < 0 && LastErrno == Errno.EINTR);
        }

        if (sent < 0)
        {
            throw new ErrnoException($"send VRRP {source} -> {destination}", LastErrno);
        }
    }

    private unsafe bool TryReceive(Memory<byte> buffer, out VrrpDatagram datagram)
    {
        datagram = null!;
        var added = false;
        var handle = _socket.SafeHandle;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            var control = stackalloc byte[ControlBufferLength];
            var name = stackalloc byte[28];
            nint n;
            MsgHdr msg;
            using (var pin = buffer.Pin())
            {
                var iov = new IoVec { iov_base = pin.Pointer, iov_len = (nuint)buffer.Length };
                msg = new MsgHdr
                {
                    msg_name = name,
                    msg_namelen = 28,
                    msg_iov = &iov,
                    msg_iovlen = 1,
                    msg_control = control,
                    msg_controllen = ControlBufferLength,
                };
                do
                {
                    n = RecvMsg(fd, &msg, MSG_DONTWAIT);
                }
                while (n < 0 && LastErrno == Errno.EINTR);
            }

            if (n < 0)
            {
                var errno = LastErrno;
                if (errno == Errno.EAGAIN)
                {
                    return false; // the peeked datagram went elsewhere; wait again
                }

                throw new ErrnoException($"recvmsg VRRP on {Options.InterfaceName}", errno);
            }

            if ((msg.msg_flags & MSG_TRUNC) != 0)
            {
                Interlocked.Increment(ref _dropped);
                return false;
            }

            var cm = ParseControl(control, (int)msg.msg_controllen);
            var data = buffer[..(int)n];
            if (Family == AddressFamily.InterNetwork)
            {
                var span = data.Span;
                var ihl = span.Length >= 1 ? (span[0] & 0x0f) * 4 : 0;
                if (span.Length < Ipv4Header.Length || span[0] >> 4 != 4 || ihl < Ipv4Header.Length || ihl > span.Length)
                {
                    Interlocked.Increment(ref _dropped);
                    return false;
                }

                datagram = new VrrpDatagram(
                    data[ihl..],
                    new IPAddress(span.Slice(12, 4)),
                    new IPAddress(span.Slice(16, 4)),
                    span[8],
                    BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
                    ihl,
                    cm.InterfaceIndex);
            }
            else
            {
                var source = new IPAddress(new ReadOnlySpan<byte>(name + 8, 16), BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(name + 24, 4)));
                datagram = new VrrpDatagram(data, source, cm.Destination ?? IPAddress.IPv6None, cm.HopLimit, 0, 0, cm.InterfaceIndex);
            }

            return true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private unsafe static (int InterfaceIndex, IPAddress? Destination, int HopLimit) ParseControl(byte* control, int length)
    {
        int index = 0, hops = -1;
        IPAddress? dst = null;
        var offset = 0;
        while (offset + CmsgHeaderLength <= length)
        {
            var h = (CmsgHdr*)(control + offset);
            var len = (int)h->cmsg_len;
            if (len < CmsgHeaderLength || offset + len > length)
            {
                break;
            }

            var data = control + offset + CmsgAlign(CmsgHeaderLength);
            var dataLength = len - CmsgAlign(CmsgHeaderLength);
            if (h->cmsg_level == IPPROTO_IP && h->cmsg_type == IP_PKTINFO && dataLength >= sizeof(InPktInfo))
            {
                var info = (InPktInfo*)data;
                index = info->ipi_ifindex;
                dst = new IPAddress(info->ipi_addr);
            }
            else if (h->cmsg_level == IPPROTO_IPV6 && h->cmsg_type == IPV6_PKTINFO && dataLength >= sizeof(In6PktInfo))
            {
                var info = (In6PktInfo*)data;
                index = info->ipi6_ifindex;
                dst = new IPAddress(new ReadOnlySpan<byte>(info->ipi6_addr, 16));
            }
            else if (h->cmsg_level == IPPROTO_IPV6 && h->cmsg_type == IPV6_HOPLIMIT && dataLength >= sizeof(int))
            {
                hops = *(int*)data;
            }

            offset += CmsgAlign(len);
        }

        return (index, dst, hops);
    }

    private static uint AddressToUInt32(IPAddress a)
    {
        Span<byte> b = stackalloc byte[4];
        a.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32LittleEndian(b); // network order in memory
    }

    /// <summary>struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; char zero[8]; }.</summary>
    private static void WriteSockaddrIn(Span<byte> sin, IPAddress address)
    {
        sin.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(sin, AF_INET);
        address.TryWriteBytes(sin[4..], out _);
    }

    /// <summary>struct sockaddr_in6 { family; port; flowinfo; in6_addr; scope_id }: the scope is the interface for link-local and multicast.</summary>
    private static void WriteSockaddrIn6(Span<byte> sin6, IPAddress address, int index)
    {
        sin6.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(sin6, AF_INET6);
        address.TryWriteBytes(sin6[8..], out _);
        var scoped = address.IsIPv6LinkLocal || address.IsIPv6Multicast;
        BinaryPrimitives.WriteUInt32LittleEndian(sin6[24..], scoped ? (uint)index : 0u);
    }
}
