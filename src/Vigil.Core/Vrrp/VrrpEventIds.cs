namespace Vigil.Vrrp;

/// <summary>Stable log event ids of the VRRP engine (range 2000-2999; house style §4.6).</summary>
internal static class VrrpEventIds
{
    public const int StateEntered = 2001;
    public const int StateChanged = 2002;
    public const int Election = 2010;
    public const int Timers = 2020;
    public const int Addresses = 2030;
    public const int Announce = 2040;
    public const int Link = 2050;
    public const int ReceiveError = 2100;
    public const int ReceiveNote = 2110;
    public const int PortFailure = 2200;
}
