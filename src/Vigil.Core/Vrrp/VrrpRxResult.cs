using System.Net;

namespace Vigil.Vrrp;

/// <summary>A verdict with the values keepalived prints for it ("Received 64 and expect 255").</summary>
/// <param name="Verdict">The outcome.</param>
/// <param name="Received">The offending received value (length, TTL, version, type, auth type, interval, count).</param>
/// <param name="Expected">What the instance expected.</param>
/// <param name="Address">For <see cref="VrrpVerdict.AcceptedAddressListMismatch"/>: our VIP missing from the advert.</param>
internal readonly record struct VrrpRxResult(VrrpVerdict Verdict, int Received = 0, int Expected = 0, IPAddress? Address = null);
