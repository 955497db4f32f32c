using System.Collections.Immutable;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Vigil.Config.Model;

/// <summary>Which instance settings were written in the instance (the rest come from global_defs at resolution).</summary>
[Flags]
internal enum VrrpExplicit
{
    None = 0,
    Priority = 1 << 0,
    Version = 1 << 1,
    GarpMasterDelay = 1 << 2,
    GarpMasterRepeat = 1 << 3,
    GarpLowerPrioDelay = 1 << 4,
    GarpLowerPrioRepeat = 1 << 5,
    GarpMasterRefresh = 1 << 6,
    GarpMasterRefreshRepeat = 1 << 7,
    DownTimerAdverts = 1 << 8,
    LowerPrioNoAdvert = 1 << 9,
    HigherPrioSendAdvert = 1 << 10,
    SkipCheckAdvAddr = 1 << 11,
    StrictMode = 1 << 12,
    Accept = 1 << 13,
    CheckUnicastSource = 1 << 14,
    NotifyPriorityChanges = 1 << 15,
    SmtpAlert = 1 << 16,
    MulticastGroup = 1 << 17,
    GarpExtraIf = 1 << 18,
    State = 1 << 19,
    OwnerIgnoreAdverts = 1 << 20,
    V3ChecksumAsV2 = 1 << 21,
    UnicastTtl = 1 << 22,
    AdvertInterval = 1 << 23,
    VirtualRouterId = 1 << 24,
    UnicastKeyword = 1 << 25,
}
