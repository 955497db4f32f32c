namespace Vigil.Checkers;

/// <summary>
/// The weight of a real server changed through MISC_CHECK misc_dynamic or FILE_CHECK
/// (keepalived logs "Changing weight from 3 to 7 for active service ...").
/// </summary>
public sealed record RealServerWeightChanged(VirtualServiceKey Service, RealServerKey Server, int OldWeight, int NewWeight) : CheckerEvent;
