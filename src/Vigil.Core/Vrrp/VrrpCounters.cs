namespace Vigil.Vrrp;

/// <summary>
/// Per-instance statistics under keepalived's names (its stats file, SNMP and JSON <c>stats</c> object), plus a count
/// per verdict.
/// </summary>
internal sealed class VrrpCounters
{
    private readonly long[] _verdicts = new long[VrrpVerdictExtensions.Count];

    public long AdvertRcvd { get; set; }

    public long AdvertSent { get; set; }

    public long BecomeMaster { get; set; }

    public long ReleaseMaster { get; set; }

    public long PacketLenErr { get; set; }

    public long IpTtlErr { get; set; }

    public long InvalidType { get; set; }

    public long AdvertIntervalErr { get; set; }

    public long AddrListErr { get; set; }

    public long InvalidAuthtype { get; set; }

    public long AuthtypeMismatch { get; set; }

    public long AuthFailure { get; set; }

    public long ChecksumErr { get; set; }

    public long PriZeroRcvd { get; set; }

    public long PriZeroSent { get; set; }

    public long Verdict(VrrpVerdict verdict) => _verdicts[(int)verdict];

    /// <summary>Counts a verdict and the keepalived statistic it feeds.</summary>
    public void Count(VrrpVerdict verdict)
    {
        _verdicts[(int)verdict]++;
        switch (verdict)
        {
            case VrrpVerdict.BadLength:
                PacketLenErr++;
                break;
            case VrrpVerdict.BadTtl:
                IpTtlErr++;
                break;
            case VrrpVerdict.BadType:
                InvalidType++;
                break;
            case VrrpVerdict.IntervalMismatch:
                AdvertIntervalErr++;
                break;
            case VrrpVerdict.AcceptedAddressCountMismatch:
            case VrrpVerdict.AcceptedAddressListMismatch:
                AddrListErr++;
                break;
            case VrrpVerdict.InvalidAuthType:
                InvalidAuthtype++;
                break;
            case VrrpVerdict.AuthTypeMismatch:
                AuthtypeMismatch++;
                break;
            case VrrpVerdict.AuthFailure:
                AuthFailure++;
                break;
            case VrrpVerdict.BadChecksum:
                ChecksumErr++;
                break;
        }
    }

    public VrrpStatistics Snapshot() => new()
    {
        AdvertRcvd = AdvertRcvd,
        AdvertSent = AdvertSent,
        BecomeMaster = BecomeMaster,
        ReleaseMaster = ReleaseMaster,
        PacketLenErr = PacketLenErr,
        IpTtlErr = IpTtlErr,
        InvalidType = InvalidType,
        AdvertIntervalErr = AdvertIntervalErr,
        AddrListErr = AddrListErr,
        InvalidAuthtype = InvalidAuthtype,
        AuthtypeMismatch = AuthtypeMismatch,
        AuthFailure = AuthFailure,
        ChecksumErr = ChecksumErr,
        PriZeroRcvd = PriZeroRcvd,
        PriZeroSent = PriZeroSent,
        Verdicts = [.. _verdicts],
    };
}
