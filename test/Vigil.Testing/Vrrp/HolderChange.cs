using System.Net;

namespace Vigil.Testing.Vrrp;

/// <summary>A router added or removed a virtual address.</summary>
/// <param name="At">Virtual time.</param>
/// <param name="Router">Router name.</param>
/// <param name="Address">The VIP.</param>
/// <param name="Held">True when added, false when removed.</param>
public sealed record HolderChange(TimeSpan At, string Router, IPAddress Address, bool Held);
