namespace Vigil.Linux.Ipvs;

/// <summary>IPVS_CMD_GET_INFO reply.</summary>
public sealed record IpvsInfo(uint Version, uint ConnectionTableSize)
{
    /// <summary>"1.2.1", from IP_VS_VERSION_CODE's three bytes.</summary>
    public string VersionText => $"{(Version >> 16) & 0xff}.{(Version >> 8) & 0xff}.{Version & 0xff}";
}
