namespace Vigil.Vrrp.Ports;

/// <summary>Installs and removes an instance's virtual addresses, routes and rules (rtnetlink on Linux).</summary>
public interface IVrrpAddressProgrammer
{
    /// <summary>
    /// Adds VIPs and eVIPs (each on its <c>dev</c> or the instance interface), then routes, then rules. Entries that
    /// already exist are not an error. Called after the first advert has been sent (reference §3.8).
    /// </summary>
    /// <param name="set">What to install.</param>
    void Add(VrrpAddressSet set);

    /// <summary>Removes them (rules, routes, then addresses). Entries already gone are not an error.</summary>
    /// <param name="set">What to remove.</param>
    void Remove(VrrpAddressSet set);
}
