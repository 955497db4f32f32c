namespace Vigil.Linux.Rtnl;

/// <summary>A link appeared, changed state or disappeared. <see cref="PreviousFlags"/> is 0 for a new link.</summary>
public sealed record LinkEvent(LinkChange Change, LinkEntry Link, uint PreviousFlags) : RtnlEvent;
