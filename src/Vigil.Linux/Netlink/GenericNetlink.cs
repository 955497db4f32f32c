namespace Vigil.Linux.Netlink;

/// <summary>A resolved generic netlink family (linux/genetlink.h).</summary>
public sealed record GenericFamily(string Name, ushort Id, uint Version, IReadOnlyDictionary<string, uint> MulticastGroups);

/// <summary>Generic netlink helpers: the genlmsghdr and family resolution through the "nlctrl" family.</summary>
public static class GenericNetlink
{
    public const ushort GENL_ID_CTRL = 0x10;
    public const byte CTRL_CMD_GETFAMILY = 3;
    public const ushort CTRL_ATTR_FAMILY_ID = 1;
    public const ushort CTRL_ATTR_FAMILY_NAME = 2;
    public const ushort CTRL_ATTR_VERSION = 3;
    public const ushort CTRL_ATTR_MCAST_GROUPS = 7;
    public const ushort CTRL_ATTR_MCAST_GRP_NAME = 1;
    public const ushort CTRL_ATTR_MCAST_GRP_ID = 2;

    /// <summary>Length of struct genlmsghdr { u8 cmd; u8 version; u16 reserved; }.</summary>
    public const int HeaderLength = 4;

    /// <summary>Starts a generic netlink message for <paramref name="familyId"/>.</summary>
    public static NetlinkMessageBuilder Begin(ushort familyId, byte command, byte version, ushort flags = 0)
    {
        var b = new NetlinkMessageBuilder(familyId, flags);
        var h = b.Reserve(HeaderLength);
        h[0] = command;
        h[1] = version;
        return b;
    }

    /// <summary>Resolves a family by name; returns null when the kernel does not have it (ENOENT).</summary>
    public static GenericFamily? Resolve(NetlinkSocket socket, string name)
    {
        var b = Begin(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
        b.PutString(CTRL_ATTR_FAMILY_NAME, name);
        List<byte[]> replies;
        try
        {
            replies = socket.Query(b.ToArray(), $"resolve generic netlink family {name}");
        }
        catch (NetlinkException e) when (e.Errno == Interop.Errno.ENOENT)
        {
            return null;
        }

        foreach (var reply in replies)
        {
            var msg = new NetlinkMessage(reply);
            ushort id = 0;
            uint version = 0;
            var groups = new Dictionary<string, uint>(StringComparer.Ordinal);
            foreach (var a in msg.Attributes(HeaderLength))
            {
                switch (a.Type)
                {
                    case CTRL_ATTR_FAMILY_ID:
                        id = a.U16;
                        break;
                    case CTRL_ATTR_VERSION:
                        version = a.U32;
                        break;
                    case CTRL_ATTR_MCAST_GROUPS:
                        foreach (var g in a.Nested)
                        {
                            string? gname = null;
                            uint gid = 0;
                            foreach (var f in g.Nested)
                            {
                                if (f.Type == CTRL_ATTR_MCAST_GRP_NAME)
                                {
                                    gname = f.String;
                                }
                                else if (f.Type == CTRL_ATTR_MCAST_GRP_ID)
                                {
                                    gid = f.U32;
                                }
                            }

                            if (gname is not null)
                            {
                                groups[gname] = gid;
                            }
                        }

                        break;
                }
            }

            if (id != 0)
            {
                return new GenericFamily(name, id, version, groups);
            }
        }

        return null;
    }
}
