using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Vigil.Vrrp.Packet;
using Vigil.Vrrp.Ports;

namespace Vigil.Vrrp.Engine;

/// <summary>Carrying out effects, and the log lines that go with them.</summary>
public sealed partial class VrrpEngine
{
    private void Carry(VrrpInstance instance, VrrpTransition transition)
    {
        var name = instance.Name;
        foreach (var effect in transition.Effects)
        {
            switch (effect)
            {
                case VrrpEffect.Entered entered:
                    LogEntered(instance, entered, transition);
                    if (entered.State != VrrpState.Master)
                    {
                        _announcer.Cancel(name);
                    }

                    // A state change re-opens the receive-error log (keepalived/RFC 9568: one message per error
                    // kind until something changes).
                    _logged[instance] = 0;
                    break;
                case VrrpEffect.SendAdvert send:
                    Transmit(instance, send.Priority);
                    if (send.Priority == 0)
                    {
                        VrrpLog.SentPriorityZero(_logger, name);
                    }

                    break;
                case VrrpEffect.AddVirtualAddresses:
                    if (!instance.Settings.Accept)
                    {
                        VrrpLog.SettingFirewall(_logger, name);
                    }

                    VrrpLog.SettingVips(_logger, name);
                    if (!instance.Settings.VirtualRoutes.IsDefaultOrEmpty)
                    {
                        VrrpLog.SettingRoutes(_logger, name);
                    }

                    if (!instance.Settings.VirtualRules.IsDefaultOrEmpty)
                    {
                        VrrpLog.SettingRules(_logger, name);
                    }

                    Try(name, "setting VIPs", () => _ports.Addresses.Add(VrrpAddressSet.For(instance.Settings)));
                    break;
                case VrrpEffect.RemoveVirtualAddresses:
                    if (!instance.Settings.VirtualRules.IsDefaultOrEmpty)
                    {
                        VrrpLog.RemovingRules(_logger, name);
                    }

                    if (!instance.Settings.VirtualRoutes.IsDefaultOrEmpty)
                    {
                        VrrpLog.RemovingRoutes(_logger, name);
                    }

                    VrrpLog.RemovingVips(_logger, name);
                    if (!instance.Settings.Accept)
                    {
                        VrrpLog.RemovingFirewall(_logger, name);
                    }

                    _announcer.Cancel(name);
                    Try(name, "removing VIPs", () => _ports.Addresses.Remove(VrrpAddressSet.For(instance.Settings)));
                    break;
                case VrrpEffect.Announce announce:
                    // Unspaced GARPs go out now, before the notify that follows (reference §3.8 order).
                    QueueAnnouncements(instance, announce.Repeat);
                    SendDueAnnouncements(Now);
                    break;
                case VrrpEffect.Notify notify:
                    Try(name, "notify", () => _ports.Notifier.Notify(VrrpNotification.For(instance.Settings, notify.State, notify.Priority)));
                    break;
                case VrrpEffect.WantState want:
                    VrrpLog.WantsState(_logger, name, want.State);
                    break;
                case VrrpEffect.ReceiveTimeout:
                    VrrpLog.ReceiveTimeout(_logger, name);
                    break;
                case VrrpEffect.LowerPriorityDiscarded d:
                    VrrpLog.LowerPriorityDiscarded(_logger, name, d.Priority, d.Peer);
                    break;
                case VrrpEffect.BackupPriorityZero:
                    VrrpLog.BackupPriorityZero(_logger, name);
                    break;
                case VrrpEffect.MasterPriorityZero:
                    VrrpLog.MasterPriorityZero(_logger, name);
                    break;
                case VrrpEffect.MasterHigherPriority h:
                    VrrpLog.MasterHigherPriority(_logger, name, h.Peer, h.Priority, h.Ours);
                    break;
                case VrrpEffect.MasterSamePriorityHigherAddress s:
                    VrrpLog.MasterSamePriorityHigherAddress(_logger, name, s.Peer, s.Priority);
                    break;
                case VrrpEffect.MasterLowerPriority l:
                    VrrpLog.MasterLowerPriority(_logger, name, l.Peer, l.Priority, l.Ours);
                    break;
                case VrrpEffect.ConflictingAdvert c:
                    VrrpLog.ConflictingAdvert(_logger, name, c.Peer);
                    break;
                case VrrpEffect.IntervalLearned learned:
                    VrrpLog.IntervalLearned(_logger, name, (long)learned.Old.TotalMilliseconds, (long)learned.New.TotalMilliseconds);
                    break;
                case VrrpEffect.PreemptDelayStarted p:
                    VrrpLog.PreemptDelayStarted(_logger, name, p.Delay.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture));
                    break;
                case VrrpEffect.EffectivePriorityChanged p:
                    VrrpLog.PriorityChanged(_logger, name, p.Old, p.New);
                    break;
                case VrrpEffect.InitialFault f:
                    VrrpLog.EnteringFaultInitReason(_logger, name, DescribeFault(instance, f.Reasons));
                    break;
            }
        }
    }

    private void LogEntered(VrrpInstance instance, VrrpEffect.Entered entered, VrrpTransition transition)
    {
        var name = instance.Name;
        switch (entered.State)
        {
            case VrrpState.Master:
                VrrpLog.EnteringMaster(_logger, name);
                break;
            case VrrpState.Backup when entered.Reason == VrrpTransitionReason.Startup:
                VrrpLog.EnteringBackupInit(_logger, name);
                break;
            case VrrpState.Backup:
                VrrpLog.EnteringBackup(_logger, name);
                break;
            case VrrpState.Fault when entered.Reason == VrrpTransitionReason.Startup && instance.FaultReasons != VrrpFaultReasons.SourceAddressMissing:
                // A missing unicast_src_ip is the exception: keepalived 2.2.7 logs "(VI_1) Entering FAULT STATE" then.
                VrrpLog.EnteringFaultInit(_logger, name);
                break;
            case VrrpState.Fault:
                VrrpLog.EnteringFault(_logger, name);
                break;
        }

        VrrpLog.StateChanged(_logger, name, transition.From, entered.State, entered.Reason);
    }

    private static string DescribeFault(VrrpInstance instance, VrrpFaultReasons reasons)
    {
        var family = instance.Settings.Family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        var parts = new List<string>();
        if (reasons.HasFlag(VrrpFaultReasons.InterfaceDown))
        {
            // keepalived 2.2.7: "(VI_F): entering FAULT state (interface eth0 down)"
            parts.Add($"interface {instance.Settings.Interface} down");
        }

        if (reasons.HasFlag(VrrpFaultReasons.NoSourceAddress))
        {
            parts.Add($"no {family} address on {instance.Settings.Interface}");
        }

        if (reasons.HasFlag(VrrpFaultReasons.TrackerFailed))
        {
            parts.Add("tracker failed");
        }

        if (reasons.HasFlag(VrrpFaultReasons.SyncGroupFault))
        {
            parts.Add("sync group member in fault");
        }

        if (reasons.HasFlag(VrrpFaultReasons.NoUnicastPeer))
        {
            parts.Add("no unicast peers");
        }

        if (reasons.HasFlag(VrrpFaultReasons.TrackerPending))
        {
            parts.Add("tracker has no result yet");
        }

        if (reasons.HasFlag(VrrpFaultReasons.SocketError))
        {
            parts.Add("VRRP socket unavailable");
        }

        if (reasons.HasFlag(VrrpFaultReasons.SourceAddressMissing))
        {
            // keepalived 2.2.7: "(VI_1): entering FAULT state (src address not configured)"
            parts.Add("src address not configured");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Encodes and sends one advert per destination (each unicast peer has its own pseudo-header).</summary>
    private void Transmit(VrrpInstance instance, byte priority)
    {
        var s = instance.Settings;
        var source = instance.SourceAddress;
        if (source is null)
        {
            return;
        }

        var advert = instance.BuildAdvert(priority);
        var family = s.Family;
        var mode = s.Version == VrrpVersion.V2 || (family == AddressFamily.InterNetwork && s.V3ChecksumAsV2)
            ? VrrpChecksumMode.MessageOnly
            : VrrpChecksumMode.PseudoHeader;
        var oldUnicast = s.OldUnicastChecksum == VrrpOldUnicastChecksum.Always || instance.UseOldUnicastChecksum;
        if (!s.IsUnicast)
        {
            Send(instance, advert, mode, source, s.MulticastGroup, s.MulticastGroup, 255, unicast: false);
            return;
        }

        // keepalived sends IPv4 unicast with TTL 255 unless unicast_ttl; IPv6 unicast uses the kernel default.
        byte? ttl = s.UnicastTtl ?? (family == AddressFamily.InterNetwork ? (byte)255 : null);
        foreach (var peer in s.UnicastPeer)
        {
            var pseudoDestination = oldUnicast && family == AddressFamily.InterNetwork ? s.MulticastGroup : peer.Address;
            Send(instance, advert, mode, source, peer.Address, pseudoDestination, ttl, unicast: true);
        }
    }

    private void Send(VrrpInstance instance, VrrpAdvert advert, VrrpChecksumMode mode, IPAddress source, IPAddress destination, IPAddress pseudoDestination, byte? ttl, bool unicast)
    {
        try
        {
            var length = VrrpCodec.Encode(advert, instance.Settings.Family, _sendBuffer, mode, source, pseudoDestination);
            var meta = new VrrpTransmitMeta(instance.Name, instance.Settings.Interface, source, destination, ttl, unicast);
            _ports.Transmitter.Send(meta, _sendBuffer.AsSpan(0, length));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            VrrpLog.PortFailure(_logger, ex, instance.Name, "sending advert");
        }
    }

    private void QueueAnnouncements(VrrpInstance instance, int repeat)
    {
        var s = instance.Settings;
        var targets = new List<(string Interface, IPAddress Address)>();
        foreach (var vip in s.VirtualIpaddress.Concat(s.VirtualIpaddressExcluded))
        {
            var device = vip.Device ?? s.AddressInterface;
            targets.Add((device, vip.Address));
            if (vip.Address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                VrrpLog.QueueingNa(_logger, instance.Name, device, vip.Address);
            }
            else
            {
                VrrpLog.QueueingGarp(_logger, instance.Name, device, vip.Address);
            }
        }

        _announcer.Enqueue(instance.Name, targets, repeat, s.GarpInterval, s.GnaInterval, Now);
    }

    private void SendDueAnnouncements(TimeSpan now)
    {
        _due.Clear();
        _announcer.TakeDue(now, _due);
        foreach (var a in _due)
        {
            if (a.IsIpv6)
            {
                VrrpLog.SendingNa(_logger, a.InterfaceName, a.Address);
                Try(a.InstanceName, "unsolicited NA", () => _ports.Announcer.SendUnsolicitedNeighborAdvert(a.InterfaceName, a.Address));
            }
            else
            {
                VrrpLog.SendingGarp(_logger, a.InterfaceName, a.Address);
                Try(a.InstanceName, "gratuitous ARP", () => _ports.Announcer.SendGratuitousArp(a.InterfaceName, a.Address));
            }
        }
    }

    private void Try(string instance, string operation, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // OS failures are logged and survived; the next transition or refresh tries again.
            VrrpLog.PortFailure(_logger, ex, instance, operation);
        }
    }

    /// <summary>
    /// Logs a receive verdict with keepalived's wording, at most once per instance and verdict until the instance
    /// accepts a packet or changes state (so a flood of spoofed packets cannot flood the log, and cannot unlock it).
    /// </summary>
    private void LogVerdict(VrrpInstance instance, VrrpRxResult r, in VrrpReceiveMeta meta)
    {
        var v = r.Verdict;
        if (v is VrrpVerdict.Accepted or VrrpVerdict.AcceptedIntervalMismatch)
        {
            _logged[instance] = 0;
            _tooShortLogged = false;
            return;
        }

        if (v is VrrpVerdict.NotListening or VrrpVerdict.UnknownVrid)
        {
            return;
        }

        var bit = 1u << (int)v;
        var logged = _logged[instance];
        if ((logged & bit) != 0)
        {
            if (v.IsAccepted())
            {
                _logged[instance] = bit;
            }

            return;
        }

        _logged[instance] = v.IsAccepted() ? bit : logged | bit;
        var name = instance.Name;
        switch (v)
        {
            case VrrpVerdict.BadLength when r.Received > r.Expected:
                VrrpLog.PacketTooLong(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.BadLength:
                VrrpLog.PacketTooShort(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.TooShort:
                VrrpLog.PacketTooShortNoInstance(_logger, meta.Source.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4", r.Received);
                break;
            case VrrpVerdict.BadTtl:
                VrrpLog.InvalidTtl(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.BadVersion:
                VrrpLog.WrongVersion(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.InvalidAuthType:
                VrrpLog.InvalidAuthType(_logger, name, r.Received);
                break;
            case VrrpVerdict.AuthTypeMismatch:
                VrrpLog.AuthTypeMismatch(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.AuthFailure:
                VrrpLog.InvalidPassword(_logger, name);
                break;
            case VrrpVerdict.IntervalMismatch:
                VrrpLog.IntervalMismatch(_logger, name, r.Expected, r.Received);
                break;
            case VrrpVerdict.BadType:
                VrrpLog.InvalidType(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.BadChecksum:
                VrrpLog.InvalidChecksum(_logger, name, (int)instance.Settings.Version);
                break;
            case VrrpVerdict.MulticastUnicastMismatch:
                VrrpLog.MulticastUnicastMismatch(_logger, name, meta.IsUnicast ? "unicast" : "multicast", meta.IsUnicast ? "multicast" : "unicast");
                break;
            case VrrpVerdict.UnicastSourceNotPeer:
                VrrpLog.UnicastSourceNotPeer(_logger, name, meta.Source);
                break;
            case VrrpVerdict.AcceptedAddressCountMismatch:
                VrrpLog.AddressCountMismatch(_logger, name, r.Received, r.Expected);
                break;
            case VrrpVerdict.AcceptedAddressListMismatch:
                VrrpLog.AddressMissing(_logger, name, instance.Settings.VirtualRouterId, r.Address!);
                break;
        }
    }
}
