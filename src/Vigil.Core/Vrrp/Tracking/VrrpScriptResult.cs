namespace Vigil.Vrrp.Tracking;

/// <summary>One run of a <c>vrrp_script</c>.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Code">Exit status or signal number.</param>
public readonly record struct VrrpScriptResult(VrrpScriptResultKind Kind, int Code = 0)
{
    /// <summary>Exit status 0.</summary>
    public bool Succeeded => Kind == VrrpScriptResultKind.Exited && Code == 0;
}
