namespace Vigil.Vrrp.Ports;

/// <summary>The ports the VRRP engine acts through.</summary>
/// <param name="Transmitter">Advert sending.</param>
/// <param name="Addresses">VIP / route / rule programming.</param>
/// <param name="Announcer">GARP / unsolicited NA.</param>
/// <param name="Notifier">Notify scripts and FIFO.</param>
public sealed record VrrpPorts(
    IVrrpAdvertTransmitter Transmitter,
    IVrrpAddressProgrammer Addresses,
    IVrrpAnnouncer Announcer,
    IVrrpNotifier Notifier);
