using System.Net;
using Microsoft.Extensions.Logging;

namespace Vigil.Vrrp.Engine;

/// <summary>
/// The VRRP engine's log lines (source-generated; keepalived's wording from <see cref="CompatMessages"/>). Event ids
/// are stable, in the VRRP range 2000-2999 (house style §4.6): 20xx state and election, 203x addresses, 204x
/// GARP/NA, 205x links, 21xx receive verdicts, 22xx failures.
/// </summary>
internal static partial class VrrpLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = CompatMessages.EnteringMaster)]
    public static partial void EnteringMaster(ILogger logger, string instance);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = CompatMessages.EnteringBackup)]
    public static partial void EnteringBackup(ILogger logger, string instance);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = CompatMessages.EnteringBackupInit)]
    public static partial void EnteringBackupInit(ILogger logger, string instance);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = CompatMessages.EnteringFault)]
    public static partial void EnteringFault(ILogger logger, string instance);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = CompatMessages.EnteringFaultInitReason)]
    public static partial void EnteringFaultInitReason(ILogger logger, string instance, string reason);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = CompatMessages.EnteringFaultInit)]
    public static partial void EnteringFaultInit(ILogger logger, string instance);

    /// <summary>The one structured state-change line (not keepalived's; for tooling that wants the reason).</summary>
    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "({Instance}) state {From} -> {To} ({Reason})")]
    public static partial void StateChanged(ILogger logger, string instance, VrrpState from, VrrpState to, VrrpTransitionReason reason);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = CompatMessages.ReceiveTimeout)]
    public static partial void ReceiveTimeout(ILogger logger, string instance);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = CompatMessages.BackupPriorityZero)]
    public static partial void BackupPriorityZero(ILogger logger, string instance);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = CompatMessages.MasterPriorityZero)]
    public static partial void MasterPriorityZero(ILogger logger, string instance);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = CompatMessages.LowerPriorityDiscarded)]
    public static partial void LowerPriorityDiscarded(ILogger logger, string instance, int priority, IPAddress peer);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = CompatMessages.MasterHigherPriority)]
    public static partial void MasterHigherPriority(ILogger logger, string instance, IPAddress peer, int priority, int ours);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Information, Message = CompatMessages.MasterSamePriorityHigherAddress)]
    public static partial void MasterSamePriorityHigherAddress(ILogger logger, string instance, IPAddress peer, int priority);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = CompatMessages.MasterLowerPriority)]
    public static partial void MasterLowerPriority(ILogger logger, string instance, IPAddress peer, int priority, int ours);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "({Instance}) advert from {Peer} has our priority and our address - ignoring (duplicate address or looped advert)")]
    public static partial void ConflictingAdvert(ILogger logger, string instance, IPAddress peer);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Information, Message = CompatMessages.IntervalLearned)]
    public static partial void IntervalLearned(ILogger logger, string instance, long oldMs, long newMs);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Information, Message = CompatMessages.PreemptDelayStarted)]
    public static partial void PreemptDelayStarted(ILogger logger, string instance, string seconds);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Debug, Message = "({Instance}) wants {State}; waiting for its sync group")]
    public static partial void WantsState(ILogger logger, string instance, VrrpState state);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = CompatMessages.SentPriorityZero)]
    public static partial void SentPriorityZero(ILogger logger, string instance);

    [LoggerMessage(EventId = 2030, Level = LogLevel.Information, Message = CompatMessages.SettingVips)]
    public static partial void SettingVips(ILogger logger, string instance);

    [LoggerMessage(EventId = 2031, Level = LogLevel.Information, Message = CompatMessages.RemovingVips)]
    public static partial void RemovingVips(ILogger logger, string instance);

    [LoggerMessage(EventId = 2032, Level = LogLevel.Information, Message = CompatMessages.SettingRoutes)]
    public static partial void SettingRoutes(ILogger logger, string instance);

    [LoggerMessage(EventId = 2033, Level = LogLevel.Information, Message = CompatMessages.RemovingRoutes)]
    public static partial void RemovingRoutes(ILogger logger, string instance);

    [LoggerMessage(EventId = 2034, Level = LogLevel.Information, Message = CompatMessages.SettingRules)]
    public static partial void SettingRules(ILogger logger, string instance);

    [LoggerMessage(EventId = 2035, Level = LogLevel.Information, Message = CompatMessages.RemovingRules)]
    public static partial void RemovingRules(ILogger logger, string instance);

    [LoggerMessage(EventId = 2036, Level = LogLevel.Information, Message = CompatMessages.SettingFirewall)]
    public static partial void SettingFirewall(ILogger logger, string instance);

    [LoggerMessage(EventId = 2037, Level = LogLevel.Information, Message = CompatMessages.RemovingFirewall)]
    public static partial void RemovingFirewall(ILogger logger, string instance);

    [LoggerMessage(EventId = 2040, Level = LogLevel.Information, Message = CompatMessages.QueueingGarp)]
    public static partial void QueueingGarp(ILogger logger, string instance, string @interface, IPAddress address);

    [LoggerMessage(EventId = 2041, Level = LogLevel.Information, Message = CompatMessages.QueueingNa)]
    public static partial void QueueingNa(ILogger logger, string instance, string @interface, IPAddress address);

    [LoggerMessage(EventId = 2042, Level = LogLevel.Debug, Message = CompatMessages.SendingGarp)]
    public static partial void SendingGarp(ILogger logger, string @interface, IPAddress address);

    [LoggerMessage(EventId = 2043, Level = LogLevel.Debug, Message = CompatMessages.SendingNa)]
    public static partial void SendingNa(ILogger logger, string @interface, IPAddress address);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = CompatMessages.LinkDown)]
    public static partial void LinkDown(ILogger logger, string @interface);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Information, Message = CompatMessages.LinkUp)]
    public static partial void LinkUp(ILogger logger, string @interface);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = CompatMessages.PacketTooShortNoInstance)]
    public static partial void PacketTooShortNoInstance(ILogger logger, string family, int length);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = CompatMessages.PacketTooShort)]
    public static partial void PacketTooShort(ILogger logger, string instance, int length, int expected);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = CompatMessages.PacketTooLong)]
    public static partial void PacketTooLong(ILogger logger, string instance, int length, int expected);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = CompatMessages.InvalidTtl)]
    public static partial void InvalidTtl(ILogger logger, string instance, int ttl, int expected);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = CompatMessages.WrongVersion)]
    public static partial void WrongVersion(ILogger logger, string instance, int version, int expected);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = CompatMessages.InvalidAuthType)]
    public static partial void InvalidAuthType(ILogger logger, string instance, int authType);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = CompatMessages.AuthTypeMismatch)]
    public static partial void AuthTypeMismatch(ILogger logger, string instance, int authType, int expected);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = CompatMessages.InvalidPassword)]
    public static partial void InvalidPassword(ILogger logger, string instance);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = CompatMessages.IntervalMismatch)]
    public static partial void IntervalMismatch(ILogger logger, string instance, int mine, int received);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Warning, Message = CompatMessages.InvalidType)]
    public static partial void InvalidType(ILogger logger, string instance, int type, int expected);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Warning, Message = CompatMessages.InvalidChecksum)]
    public static partial void InvalidChecksum(ILogger logger, string instance, int version);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = CompatMessages.AddressCountMismatch)]
    public static partial void AddressCountMismatch(ILogger logger, string instance, int count, int expected);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Information, Message = CompatMessages.AddressMissing)]
    public static partial void AddressMissing(ILogger logger, string instance, int vrid, IPAddress address);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "({Instance}) {Received} advert received by a {Configured} instance - ignoring")]
    public static partial void MulticastUnicastMismatch(ILogger logger, string instance, string received, string configured);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "({Instance}) advert from {Peer} which is not a unicast_peer - ignoring")]
    public static partial void UnicastSourceNotPeer(ILogger logger, string instance, IPAddress peer);

    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "({Instance}) {Operation} failed")]
    public static partial void PortFailure(ILogger logger, Exception exception, string instance, string operation);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "VRRP engine: unexpected failure while handling an event")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2060, Level = LogLevel.Information, Message = CompatMessages.PriorityChanged)]
    public static partial void PriorityChanged(ILogger logger, string instance, int old, int @new);

    [LoggerMessage(EventId = 2061, Level = LogLevel.Information, Message = CompatMessages.ScriptNowReturning)]
    public static partial void ScriptNowReturning(ILogger logger, string script, int status);

    [LoggerMessage(EventId = 2062, Level = LogLevel.Information, Message = CompatMessages.ScriptSucceeded)]
    public static partial void ScriptSucceeded(ILogger logger, string script);

    [LoggerMessage(EventId = 2063, Level = LogLevel.Information, Message = CompatMessages.ScriptFailedStatus)]
    public static partial void ScriptFailedStatus(ILogger logger, string script, int status);

    [LoggerMessage(EventId = 2064, Level = LogLevel.Information, Message = CompatMessages.ScriptFailedSignal)]
    public static partial void ScriptFailedSignal(ILogger logger, string script, int signal);

    [LoggerMessage(EventId = 2065, Level = LogLevel.Information, Message = CompatMessages.ScriptTimedOut)]
    public static partial void ScriptTimedOut(ILogger logger, string script);

    [LoggerMessage(EventId = 2066, Level = LogLevel.Information, Message = CompatMessages.TrackedFileFault)]
    public static partial void TrackedFileFault(ILogger logger, string instance, string file);

    [LoggerMessage(EventId = 2067, Level = LogLevel.Information, Message = CompatMessages.TrackedFileFaultCleared)]
    public static partial void TrackedFileFaultCleared(ILogger logger, string instance, string file);

    [LoggerMessage(EventId = 2068, Level = LogLevel.Information, Message = CompatMessages.SyncGroupSyncing)]
    public static partial void SyncGroupSyncing(ILogger logger, string group, string state);
}
