namespace Vigil.Linux.Nft;

/// <summary>The outcome of one libnftables call: return code, buffered output and error text.</summary>
public sealed record NftResult(int ReturnCode, string Output, string Error)
{
    public bool Succeeded => ReturnCode == 0;
}
