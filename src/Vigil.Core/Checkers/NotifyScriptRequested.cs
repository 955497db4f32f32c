namespace Vigil.Checkers;

/// <summary>Run a configured script (keepalived passes no extra arguments to checker scripts).</summary>
public sealed record NotifyScriptRequested(NotifyScript Script, NotifyKind Kind, VirtualServiceKey Service, RealServerKey? Server) : CheckerEvent;
