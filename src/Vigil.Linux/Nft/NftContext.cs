using System.Runtime.InteropServices;

namespace Vigil.Linux.Nft;

/// <summary>
/// Runs nft command buffers in-process through libnftables (the daemon never spawns nft). A fresh
/// context per call: its netlink socket then belongs to the calling thread's network namespace, which is
/// what <see cref="NetNamespace.Run{T}"/> relies on.
/// </summary>
public static class NftContext
{
    /// <summary>True when libnftables.so.1 can be loaded; otherwise <paramref name="reason"/> says why.</summary>
    public static bool IsAvailable(out string? reason)
    {
        try
        {
            var ctx = LibNftables.CtxNew(0);
            if (ctx == 0)
            {
                reason = "nftables not available: nft_ctx_new failed";
                return false;
            }

            LibNftables.CtxFree(ctx);
            reason = null;
            return true;
        }
        catch (DllNotFoundException)
        {
            reason = $"nftables not available: {LibNftables.Library} not found (Debian package libnftables1)";
            return false;
        }
        catch (EntryPointNotFoundException e)
        {
            reason = $"nftables not available: {e.Message}";
            return false;
        }
    }

    /// <summary>Runs <paramref name="commands"/> as one transaction; <paramref name="json"/> asks for JSON output (list commands).</summary>
    public static NftResult Run(string commands, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var ctx = LibNftables.CtxNew(0);
        if (ctx == 0)
        {
            return new NftResult(-1, "", "nft_ctx_new failed");
        }

        try
        {
            LibNftables.CtxBufferOutput(ctx);
            LibNftables.CtxBufferError(ctx);
            if (json)
            {
                LibNftables.CtxOutputSetFlags(ctx, LibNftables.NFT_CTX_OUTPUT_JSON);
            }

            var rc = LibNftables.RunCmdFromBuffer(ctx, commands);
            var output = Marshal.PtrToStringUTF8(LibNftables.CtxGetOutputBuffer(ctx)) ?? "";
            var error = Marshal.PtrToStringUTF8(LibNftables.CtxGetErrorBuffer(ctx)) ?? "";
            return new NftResult(rc, output, error.Trim());
        }
        finally
        {
            LibNftables.CtxFree(ctx);
        }
    }
}
