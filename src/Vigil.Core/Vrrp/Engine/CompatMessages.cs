namespace Vigil.Vrrp.Engine;

/// <summary>
/// keepalived 2.2.7's operator-facing VRRP log lines, as message templates. Operators and their tooling grep these
/// (the "(instance)" prefix included), so the wording is pinned by <c>CompatMessagesTests</c> against lines captured
/// from two keepalived 2.2.7 instances in network namespaces (/tmp/vrrpobs, November 2026; see docs/vrrp.md).
/// Do not "improve" them.
/// </summary>
internal static class CompatMessages
{
    public const string EnteringMaster = "({Instance}) Entering MASTER STATE";
    public const string EnteringBackup = "({Instance}) Entering BACKUP STATE";
    public const string EnteringBackupInit = "({Instance}) Entering BACKUP STATE (init)";
    public const string EnteringFault = "({Instance}) Entering FAULT STATE";

    /// <summary>At startup keepalived says it twice, in lower case: the reason first, then the state.</summary>
    public const string EnteringFaultInitReason = "({Instance}): entering FAULT state ({Reason})";
    public const string EnteringFaultInit = "({Instance}) entering FAULT state";

    public const string ReceiveTimeout = "({Instance}) Receive advertisement timeout";
    public const string SettingVips = "({Instance}) setting VIPs.";
    public const string RemovingVips = "({Instance}) removing VIPs.";
    public const string SettingRoutes = "({Instance}) setting Virtual Routes";
    public const string RemovingRoutes = "({Instance}) removing Virtual Routes";
    public const string SettingRules = "({Instance}) setting Virtual Rules";
    public const string RemovingRules = "({Instance}) removing Virtual Rules";
    public const string SettingFirewall = "({Instance}) setting firewall drop rule";
    public const string RemovingFirewall = "({Instance}) removing firewall drop rule";
    public const string SentPriorityZero = "({Instance}) sent 0 priority";
    public const string BackupPriorityZero = "({Instance}) Backup received priority 0 advertisement";
    public const string MasterPriorityZero = "({Instance}) Master received priority 0 message";
    public const string LowerPriorityDiscarded = "({Instance}) received lower priority ({Priority}) advert from {Peer} - discarding";
    public const string MasterHigherPriority = "({Instance}) Master received advert from {Peer} with higher priority {Priority}, ours {Ours}";
    public const string MasterSamePriorityHigherAddress = "({Instance}) Master received advert from {Peer} with same priority {Priority} but higher IP address than ours";
    public const string MasterLowerPriority = "({Instance}) Received advert from {Peer} with lower priority {Priority}, ours {Ours}, forcing new election";
    public const string IntervalLearned = "({Instance}) advertisement interval updated from {OldMs}ms to {NewMs}ms by master";
    public const string PreemptDelayStarted = "({Instance}) start preempt delay ({Seconds})";

    public const string QueueingGarp = "({Instance}) Sending/queueing gratuitous ARPs on {Interface} for {Address}";
    public const string QueueingNa = "({Instance}) Sending/queueing Unsolicited Neighbour Adverts on {Interface} for {Address}";
    public const string SendingGarp = "Sending gratuitous ARP on {Interface} for {Address}";
    public const string SendingNa = "Sending unsolicited Neighbour Advert on {Interface} for {Address}";

    // Tracking (observed with keepalived 2.2.7, December 2026: vrrp_script, track_file, track_interface, sync groups).
    public const string PriorityChanged = "({Instance}) Changing effective priority from {Old} to {New}";
    public const string ScriptNowReturning = "Script `{Script}` now returning {Status}";
    public const string ScriptSucceeded = "VRRP_Script({Script}) succeeded";
    public const string ScriptFailedStatus = "VRRP_Script({Script}) failed (exited with status {Status})";
    public const string ScriptFailedSignal = "VRRP_Script({Script}) failed (due to signal {Signal})";
    public const string ScriptTimedOut = "VRRP_Script({Script}) timed_out";
    public const string TrackedFileFault = "({Instance}): tracked file {File} now FAULT state";
    public const string TrackedFileFaultCleared = "({Instance}): tracked file {File} leaving FAULT state";
    public const string SyncGroupSyncing = "VRRP_Group({Group}) Syncing instances to {State} state";

    public const string LinkDown = "Netlink reports {Interface} down";
    public const string LinkUp = "Netlink reports {Interface} up";

    // Receive errors (vrrp_check_packet); lengths count the IP header.
    public const string PacketTooShortNoInstance = "{Family} VRRP packet too short - {Length} bytes";
    public const string PacketTooShort = "({Instance}) vrrp packet too short, length {Length} and expect {Expected}";
    public const string PacketTooLong = "({Instance}) vrrp packet too long, length {Length} and expect {Expected}";
    public const string InvalidTtl = "({Instance}) invalid TTL/HL. Received {Ttl} and expect {Expected}";
    public const string WrongVersion = "({Instance}) wrong version. Received {Version} and expect {Expected}";
    public const string InvalidAuthType = "({Instance}) Invalid auth type: {AuthType}";
    public const string AuthTypeMismatch = "({Instance}) received a {AuthType} auth, expecting {Expected}!";
    public const string InvalidPassword = "({Instance}) received an invalid passwd!";
    public const string IntervalMismatch = "({Instance}) advertisement interval mismatch mine={Mine} sec rcv'd={Received} sec";
    public const string InvalidType = "({Instance}) Invalid packet type. {Type} and expect {Expected}";
    public const string InvalidChecksum = "({Instance}) Invalid VRRPv{Version} checksum";
    public const string AddressCountMismatch = "({Instance}) received an unexpected ip number count {Count}, expected {Expected}!";
    public const string AddressMissing = "({Instance}) ip address associated with VRID {Vrid} not present in MASTER advert: {Address}";
}
