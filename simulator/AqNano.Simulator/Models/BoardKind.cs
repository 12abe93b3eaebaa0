namespace AqNano.Simulator.Models;

/// <summary>The modelled board families (boards/ holds their typed profiles). They differ where
/// the Core can see it: the clock's resolution (ESP32 HighResTimer in µs, STM32 ms ticks), the chip
/// id's length (6-byte MAC or 12-byte unique id) and the ADC's transfer curve.</summary>
public enum BoardKind
{
    Esp32,
    Stm32,
}
