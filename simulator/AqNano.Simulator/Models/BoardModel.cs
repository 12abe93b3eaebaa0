using AqNano.Boards;

namespace AqNano.Simulator.Models;

/// <summary>A board the simulator can stand in for: the typed profile from boards/ (clock
/// resolution, hardware random, ESP-NOW, noise channels) and its chip family (chip id length,
/// ADC curve). Scenarios name boards by their catalogue name, or "Esp32" / "Stm32" for the
/// family's reference board.</summary>
public sealed record BoardModel(string Name, BoardKind Family, BoardProfile Profile)
{
    public static readonly BoardModel Esp32DevKitC = Resolve(BoardCatalog.Esp32DevKitCName);
    public static readonly BoardModel Stm32F769IDiscovery = Resolve(BoardCatalog.Stm32F769IDiscoveryName);

    public static BoardModel For(BoardKind family) => family == BoardKind.Esp32 ? Esp32DevKitC : Stm32F769IDiscovery;

    public static bool TryResolve(string name, out BoardModel model)
    {
        string catalogName = name.ToLowerInvariant() switch
        {
            "esp32" => BoardCatalog.Esp32DevKitCName,
            "stm32" => BoardCatalog.Stm32F769IDiscoveryName,
            _ => BoardCatalog.Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? "",
        };
        BoardProfile? profile = catalogName.Length == 0 ? null : BoardCatalog.Find(catalogName);
        if (profile == null)
        {
            model = null!;
            return false;
        }
        BoardKind family = catalogName.StartsWith("Stm32", StringComparison.Ordinal) ? BoardKind.Stm32 : BoardKind.Esp32;
        model = new BoardModel(catalogName, family, profile);
        return true;
    }

    public static BoardModel Resolve(string name) =>
        TryResolve(name, out BoardModel model) ? model : throw new ArgumentException($"unknown board '{name}'; known: Esp32, Stm32, {string.Join(", ", BoardCatalog.Names)}");
}
