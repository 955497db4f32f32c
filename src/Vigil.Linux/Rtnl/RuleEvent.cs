namespace Vigil.Linux.Rtnl;

/// <summary>RTM_NEWRULE (<see cref="Added"/>) or RTM_DELRULE.</summary>
public sealed record RuleEvent(bool Added, RuleEntry Rule) : RtnlEvent;
