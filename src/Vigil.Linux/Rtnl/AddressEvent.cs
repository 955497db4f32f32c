namespace Vigil.Linux.Rtnl;

/// <summary>RTM_NEWADDR (<see cref="Added"/>, also sent when an address's flags or lifetimes change) or RTM_DELADDR.</summary>
public sealed record AddressEvent(bool Added, AddressEntry Address) : RtnlEvent;
