using System.Collections.Immutable;
using System.Net;

namespace Vigil.Config.Model;

/// <summary>The VRRP settings of <c>global_defs</c> (<c>vrrp_*</c>) that instances inherit.</summary>
public sealed record VrrpDefaultsConfig
{
    /// <summary><c>vrrp_version</c> (default 2; IPv6 instances always use 3).</summary>
    public int Version { get; init; } = 2;

    public IPAddress McastGroup4 { get; init; } = IPAddress.Parse("224.0.0.18");

    public IPAddress McastGroup6 { get; init; } = IPAddress.Parse("ff02::12");

    public TimeSpan GarpMasterDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int GarpMasterRepeat { get; init; } = 5;

    public TimeSpan GarpMasterRefresh { get; init; } = TimeSpan.Zero;

    public int GarpMasterRefreshRepeat { get; init; } = 1;

    /// <summary>Default: <see cref="GarpMasterDelay"/>.</summary>
    public TimeSpan GarpLowerPrioDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Default: <see cref="GarpMasterRepeat"/>.</summary>
    public int GarpLowerPrioRepeat { get; init; } = 5;

    public TimeSpan GarpInterval { get; init; } = TimeSpan.Zero;

    public TimeSpan GnaInterval { get; init; } = TimeSpan.Zero;

    public bool MinGarp { get; init; }

    public GarpExtraIfConfig? GarpExtraIf { get; init; }

    public int DownTimerAdverts { get; init; } = 3;

    public bool LowerPrioNoAdvert { get; init; }

    public bool HigherPrioSendAdvert { get; init; }

    public bool CheckUnicastSrc { get; init; }

    public bool SkipCheckAdvAddr { get; init; }

    public bool Strict { get; init; }

    public bool V3ChecksumAsV2 { get; init; }

    public bool OwnerIgnoreAdverts { get; init; }

    public bool NotifyPriorityChanges { get; init; }

    public TimeSpan StartupDelay { get; init; } = TimeSpan.Zero;

    public TimeSpan DelayAfterBoot { get; init; } = TimeSpan.Zero;

    public bool LogUnknownVrids { get; init; }

    public string VmacPrefix { get; init; } = "vrrp";

    public string? VmacAddrPrefix { get; init; }

    public bool DisableLocalIgmp { get; init; }

    public RxBufsPolicyConfig? RxBufsPolicy { get; init; }

    public int RxBufsMultiplier { get; init; } = 3;
}
