namespace Vigil.Checkers;

/// <summary>DNS_CHECK <c>type</c> values and their RFC 1035 / RFC 3596 codes.</summary>
public enum DnsQueryType
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    MX = 15,
    TXT = 16,
    AAAA = 28,
}
