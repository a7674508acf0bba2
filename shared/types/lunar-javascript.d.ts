// lunar-javascript ships no types; this declares only what the engine uses.
declare module 'lunar-javascript' {
  interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    /** `YYYY-MM-DD`. */
    toYmd(): string;
    getLunar(): LunarDay;
  }
  interface LunarDay {
    getYear(): number;
    /** Negative for a leap (intercalary) month: -6 is the leap month after month 6. */
    getMonth(): number;
    getDay(): number;
    getSolar(): SolarDay;
  }
  interface LunarMonthInfo {
    /** 29 or 30. */
    getDayCount(): number;
  }
  const lunar: {
    Lunar: { fromYmd(year: number, month: number, day: number): LunarDay };
    Solar: { fromYmd(year: number, month: number, day: number): SolarDay };
    LunarMonth: { fromYm(year: number, month: number): LunarMonthInfo | null };
  };
  export default lunar;
}
