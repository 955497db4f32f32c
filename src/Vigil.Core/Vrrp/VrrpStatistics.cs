using System.Collections.Immutable;

namespace Vigil.Vrrp;

/// <summary>A snapshot of an instance's counters, named as in keepalived's JSON <c>stats</c> object.</summary>
public sealed record VrrpStatistics
{
    /// <summary><c>advert_rcvd</c>: accepted adverts.</summary>
    public long AdvertRcvd { get; init; }

    /// <summary><c>advert_sent</c>.</summary>
    public long AdvertSent { get; init; }

    /// <summary><c>become_master</c>.</summary>
    public long BecomeMaster { get; init; }

    /// <summary><c>release_master</c>.</summary>
    public long ReleaseMaster { get; init; }

    /// <summary><c>packet_len_err</c>.</summary>
    public long PacketLenErr { get; init; }

    /// <summary><c>ip_ttl_err</c>.</summary>
    public long IpTtlErr { get; init; }

    /// <summary><c>invalid_type</c>.</summary>
    public long InvalidType { get; init; }

    /// <summary><c>advert_interval_err</c>.</summary>
    public long AdvertIntervalErr { get; init; }

    /// <summary><c>addr_list_err</c>.</summary>
    public long AddrListErr { get; init; }

    /// <summary><c>invalid_authtype</c>.</summary>
    public long InvalidAuthtype { get; init; }

    /// <summary><c>authtype_mismatch</c>.</summary>
    public long AuthtypeMismatch { get; init; }

    /// <summary><c>auth_failure</c>.</summary>
    public long AuthFailure { get; init; }

    /// <summary><c>checksum_err</c>.</summary>
    public long ChecksumErr { get; init; }

    /// <summary><c>pri_zero_rcvd</c>.</summary>
    public long PriZeroRcvd { get; init; }

    /// <summary><c>pri_zero_sent</c>.</summary>
    public long PriZeroSent { get; init; }

    /// <summary>Packets per <see cref="VrrpVerdict"/> (indexed by the enum value).</summary>
    public ImmutableArray<long> Verdicts { get; init; } = [];

    /// <summary>How many packets got <paramref name="verdict"/>.</summary>
    public long Verdict(VrrpVerdict verdict) => Verdicts.IsDefaultOrEmpty ? 0 : Verdicts[(int)verdict];
}
