namespace Vigil.Vrrp.Ports;

/// <summary>Runs notify scripts and writes notify FIFOs (and, later, SNMP traps, D-Bus signals, SMTP alerts).</summary>
public interface IVrrpNotifier
{
    /// <summary>
    /// Starts <see cref="VrrpNotification.Script"/>, then <see cref="VrrpNotification.GenericScript"/> with
    /// <see cref="VrrpNotification.GenericArguments"/>, and writes <see cref="VrrpNotification.FifoLine"/> to the
    /// configured FIFOs, in that order. Must not wait for the scripts: the engine is single-threaded.
    /// </summary>
    /// <param name="notification">What to report.</param>
    void Notify(VrrpNotification notification);
}
