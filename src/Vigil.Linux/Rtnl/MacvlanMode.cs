namespace Vigil.Linux.Rtnl;

/// <summary>enum macvlan_mode (linux/if_link.h). keepalived's VMAC uses <see cref="Private"/> (reference §3.9).</summary>
public enum MacvlanMode : uint
{
    Private = 1,
    Vepa = 2,
    Bridge = 4,
    Passthru = 8,
}
