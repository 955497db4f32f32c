namespace Vigil.Linux.Rtnl;

/// <summary>fib_rule_hdr.action (linux/fib_rules.h FR_ACT_*), as ip-rule(8) ACTION.</summary>
public enum RuleAction : byte
{
    Unspecified = 0,
    ToTable = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}
