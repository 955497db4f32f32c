using Vigil.Config.Model;

namespace Vigil.Config.Validation;

/// <summary>Script accounts, existence and security (keepalived.conf(5) "SCRIPTS", observed keepalived 2.2.7 behaviour).</summary>
internal sealed partial class ConfigValidator
{
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>
    /// The account scripts without their own user run as: <c>script_user</c>, else keepalived_script if it exists,
    /// else root — except that with <c>enable_script_security</c> keepalived refuses to default to root.
    /// </summary>
    private void ResolveDefaultScriptUser(GlobalDefsConfig g)
    {
        if (g.ScriptUser is { } user)
        {
            if (host.ResolveAccount(user, g.ScriptGroup) is { } acct)
            {
                _defaultRunAs = new ScriptRunAs(user, acct.Uid, acct.Gid);
            }
            else
            {
                _diag.Error(Loc("script_user"), "script_user", "Error setting global script uid/gid",
                    $"user '{user}'{(g.ScriptGroup is null ? string.Empty : $" or group '{g.ScriptGroup}'")} does not exist");
            }

            return;
        }

        if (host.ResolveAccount(DefaultScriptUser, null) is { } ks)
        {
            _defaultRunAs = new ScriptRunAs(DefaultScriptUser, ks.Uid, ks.Gid);
            return;
        }

        if (g.EnableScriptSecurity)
        {
            if (context.FirstScriptLocation is { } at)
            {
                _diag.Error(at, null, $"Unable to set default user {DefaultScriptUser} for script",
                    $"create user {DefaultScriptUser} or set script_user");
            }

            return;
        }

        _defaultRunAs = new ScriptRunAs("root", 0, 0);
    }

    private static string Quoted(ScriptConfig s) => string.Join(' ', s.Arguments.Select(a => $"'{a}'"));

    /// <summary>
    /// Resolves the account of a script and checks that its program exists. Returns null when keepalived would not run
    /// it: the account cannot be set (reported), or the program is not found (silently, as keepalived does, except for
    /// vrrp_script where <paramref name="missingMessage"/> is reported).
    /// </summary>
    private ScriptConfig? CheckScript(ScriptConfig s, ScriptKind kind, string? defaultFailMessage, string explicitFailMessage, string? missingMessage)
        => CheckScript(s, kind, defaultFailMessage, explicitFailMessage, missingMessage, notifyStyle: false);

    /// <summary>
    /// Notify-style scripts (notify_*, quorum_*, notify_up/down, FIFO scripts): keepalived drops them silently when their
    /// account or program does not exist; we say so as a warning, which does not change the <c>-t</c> status.
    /// </summary>
    private ScriptConfig? CheckNotifyScript(ScriptConfig s, ScriptKind kind) =>
        CheckScript(s, kind, null, $"Unable to set uid/gid for script {Quoted(s)} - it will not be run",
            $"Script program '{s.Program}' not found - it will not be run", notifyStyle: true);

    private ScriptConfig? CheckScript(ScriptConfig s, ScriptKind kind, string? defaultFailMessage, string explicitFailMessage, string? missingMessage, bool notifyStyle)
    {
        ScriptRunAs runAs;
        if (s.User is { } user)
        {
            if (host.ResolveAccount(user, s.Group) is not { } acct)
            {
                var hint = $"user '{user}'{(s.Group is null ? string.Empty : $" or group '{s.Group}'")} does not exist";
                if (notifyStyle)
                {
                    _diag.Warning(s.Location, null, explicitFailMessage, hint);
                }
                else
                {
                    _diag.Error(s.Location, null, explicitFailMessage, hint);
                }

                return null;
            }

            runAs = new ScriptRunAs(user, acct.Uid, acct.Gid);
        }
        else if (_defaultRunAs is { } d)
        {
            runAs = d;
        }
        else
        {
            if (defaultFailMessage is not null)
            {
                _diag.Error(s.Location, null, defaultFailMessage);
            }

            return null;
        }

        if (s.Arguments.IsEmpty || ResolveProgram(s) is null)
        {
            if (missingMessage is not null && notifyStyle)
            {
                _diag.Warning(s.Location, null, missingMessage);
            }
            else if (missingMessage is not null)
            {
                _diag.Error(null, null, missingMessage, s.Arguments.IsEmpty ? null : $"'{s.Program}' does not exist");
            }

            return null;
        }

        if (root.Global.EnableScriptSecurity && runAs.Uid == 0 && UnsafePath(ResolveProgram(s)!) is { } unsafePath)
        {
            _diag.Error(s.Location, null, $"Unsafe permissions found for script '{s.CommandLine}' - disabling.",
                $"'{unsafePath}' is writable by a non-root user");
            return null;
        }

        if (runAs.Uid == 0)
        {
            _rootScripts.Add(kind);
        }

        return s with { RunAs = runAs };
    }

    /// <summary>The absolute path of the program (PATH search for bare names), or null when it does not exist.</summary>
    private string? ResolveProgram(ScriptConfig s)
    {
        var program = s.Program;
        if (program.Length == 0)
        {
            return null;
        }

        if (program.Contains('/'))
        {
            var path = program.StartsWith('/') ? program : Path.GetFullPath(Path.Combine(s.BaseDirectory, program));
            return host.GetFileFacts(path) is null ? null : path;
        }

        var searchPath = host.GetEnvironmentVariable("PATH");
        foreach (var dir in (string.IsNullOrEmpty(searchPath) ? DefaultPath : searchPath).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (host.GetFileFacts(candidate) is { IsDirectory: false })
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// keepalived's rule for scripts run as root with script security: the file and every directory above it must
    /// not be writable by anyone but root. Returns the first offending path.
    /// </summary>
    private string? UnsafePath(string path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (host.GetFileFacts(p) is not { } f)
            {
                continue;
            }

            var writableByOthers = (f.Mode & UnixFileMode.OtherWrite) != 0 ||
                ((f.Mode & UnixFileMode.GroupWrite) != 0 && f.Gid != 0) ||
                ((f.Mode & UnixFileMode.UserWrite) != 0 && f.Uid != 0);
            var sticky = f.IsDirectory && (f.Mode & UnixFileMode.StickyBit) != 0 && p != path;
            if (writableByOthers && !sticky)
            {
                return p;
            }

            if (p == "/")
            {
                break;
            }
        }

        return null;
    }

    private GlobalDefsConfig ValidateGlobalScripts(GlobalDefsConfig g)
    {
        ScriptConfig? Check(ScriptConfig? s, ScriptKind kind) => s is null ? null : CheckNotifyScript(s, kind);

        NotifyFifoConfig? Fifo(NotifyFifoConfig? f, ScriptKind kind) => f is null ? null : f with { Script = Check(f.Script, kind) };

        return g with
        {
            StartupScript = Check(g.StartupScript, ScriptKind.StartStop),
            ShutdownScript = Check(g.ShutdownScript, ScriptKind.StartStop),
            NotifyFifo = Fifo(g.NotifyFifo, ScriptKind.Vrrp),
            VrrpNotifyFifo = Fifo(g.VrrpNotifyFifo, ScriptKind.Vrrp),
            LvsNotifyFifo = Fifo(g.LvsNotifyFifo, ScriptKind.Checker),
        };
    }

    private VrrpNotifyScripts CheckNotify(VrrpNotifyScripts n)
    {
        ScriptConfig? C(ScriptConfig? s) => s is null ? null : CheckNotifyScript(s, ScriptKind.Vrrp);
        return n with
        {
            Master = C(n.Master),
            Backup = C(n.Backup),
            Fault = C(n.Fault),
            Stop = C(n.Stop),
            Deleted = C(n.Deleted),
            Notify = C(n.Notify),
            MasterRxLowerPriority = C(n.MasterRxLowerPriority),
        };
    }

    private void ReportScriptSecurity(GlobalDefsConfig g)
    {
        if (g.EnableScriptSecurity)
        {
            return;
        }

        const string Hint = "add enable_script_security to global_defs (and run scripts as a non-root user)";

        // keepalived's VRRP process stops at a non-existent interface (unless dynamic_interfaces), so its scripts
        // would never run: no violation is reported for them then (observed with keepalived 2.2.7).
        if (_rootScripts.Contains(ScriptKind.Vrrp) && !_missingInterface)
        {
            _diag.Add(new ConfigDiagnostic(DiagnosticSeverity.Security, null, null, "SECURITY VIOLATION - scripts are being executed but script_security not enabled.", Hint));
        }

        if (_rootScripts.Contains(ScriptKind.Checker))
        {
            _diag.Add(new ConfigDiagnostic(DiagnosticSeverity.Security, null, null, "SECURITY VIOLATION - check scripts are being executed but script_security not enabled.", Hint));
        }

        if (_rootScripts.Contains(ScriptKind.StartStop))
        {
            _diag.Add(new ConfigDiagnostic(DiagnosticSeverity.Security, null, null, "SECURITY VIOLATION - start/shutdown scripts are being executed but script_security not enabled.", Hint));
        }
    }
}
