/**
 * Label normalisation. NFKC folds full-width forms and the Kangxi radicals
 * block; the CJK Radicals Supplement (U+2E80–U+2EFF) is not folded by NFKC,
 * yet some PDF fonts map ideographs there (⻔ for 门), so it is mapped here.
 */
const RADICALS_SUPPLEMENT: Record<string, string> = {
  "\u2E81": "厂",
  "\u2E84": "乙",
  "\u2E85": "亻",
  "\u2E86": "冂",
  "\u2E87": "几",
  "\u2E8A": "卜",
  "\u2E8B": "㔾",
  "\u2E8C": "小",
  "\u2E8D": "小",
  "\u2E8E": "兀",
  "\u2E8F": "尣",
  "\u2E90": "尢",
  "\u2E92": "巳",
  "\u2E93": "幺",
  "\u2E94": "彑",
  "\u2E95": "彐",
  "\u2E96": "忄",
  "\u2E97": "㣺",
  "\u2E98": "扌",
  "\u2E99": "攵",
  "\u2E9B": "旡",
  "\u2E9C": "日",
  "\u2E9D": "月",
  "\u2E9E": "歺",
  "\u2E9F": "母",
  "\u2EA0": "民",
  "\u2EA1": "氵",
  "\u2EA2": "氺",
  "\u2EA3": "灬",
  "\u2EA4": "爫",
  "\u2EA5": "爫",
  "\u2EA6": "丬",
  "\u2EA7": "牛",
  "\u2EA8": "犭",
  "\u2EA9": "王",
  "\u2EAA": "疋",
  "\u2EAB": "罒",
  "\u2EAC": "示",
  "\u2EAD": "礻",
  "\u2EAE": "竹",
  "\u2EAF": "糹",
  "\u2EB0": "纟",
  "\u2EB1": "罓",
  "\u2EB2": "罒",
  "\u2EB3": "网",
  "\u2EB4": "罒",
  "\u2EB5": "罒",
  "\u2EB6": "羊",
  "\u2EB7": "羊",
  "\u2EB8": "羊",
  "\u2EB9": "耂",
  "\u2EBA": "肀",
  "\u2EBB": "肀",
  "\u2EBC": "月",
  "\u2EBD": "臼",
  "\u2EBE": "艹",
  "\u2EBF": "艹",
  "\u2EC0": "艹",
  "\u2EC1": "虎",
  "\u2EC2": "衤",
  "\u2EC3": "覀",
  "\u2EC4": "西",
  "\u2EC5": "见",
  "\u2EC6": "角",
  "\u2EC7": "角",
  "\u2EC8": "讠",
  "\u2EC9": "贝",
  "\u2ECA": "足",
  "\u2ECB": "车",
  "\u2ECC": "辶",
  "\u2ECD": "辶",
  "\u2ECE": "辶",
  "\u2ECF": "阝",
  "\u2ED0": "钅",
  "\u2ED1": "长",
  "\u2ED2": "长",
  "\u2ED3": "长",
  "\u2ED4": "门",
  "\u2ED5": "阜",
  "\u2ED6": "阝",
  "\u2ED7": "雨",
  "\u2ED8": "青",
  "\u2ED9": "韦",
  "\u2EDA": "页",
  "\u2EDB": "风",
  "\u2EDC": "飞",
  "\u2EDD": "食",
  "\u2EDE": "饣",
  "\u2EDF": "饣",
  "\u2EE0": "饣",
  "\u2EE1": "首",
  "\u2EE2": "马",
  "\u2EE3": "骨",
  "\u2EE4": "鬼",
  "\u2EE5": "鱼",
  "\u2EE6": "鸟",
  "\u2EE7": "卤",
  "\u2EE8": "麦",
  "\u2EE9": "黄",
  "\u2EEA": "黾",
  "\u2EEB": "斉",
  "\u2EEC": "齐",
  "\u2EED": "歯",
  "\u2EEE": "齿",
  "\u2EEF": "竜",
  "\u2EF0": "龙",
  "\u2EF1": "龜",
  "\u2EF2": "亀",
  "\u2EF3": "龟",
};

const RADICAL_RE = /[\u2E80-\u2EFF]/g;

/**
 * Variant ideographs that fonts map glyphs to, which NFKC leaves alone: the old and
 * Japanese forms of characters the forms print (戶/戸 for 户 in 账户, 內 for 内, 稅 for 税).
 * Only one-to-one variants of the same character; traditional forms are not simplified.
 */
const VARIANTS: Record<string, string> = {
  戶: "户",
  戸: "户",
  內: "内",
  稅: "税",
  兌: "兑",
  眞: "真",
  値: "值",
  敎: "教",
  吳: "吴",
  淸: "清",
  靑: "青",
  卽: "即",
  塡: "填",
  郞: "郎",
  硏: "研",
  査: "查",
};
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join("")}]`, "g");

/** NFKC plus radical-supplement folding; keeps spacing as it is. */
export function foldText(s: string): string {
  return s
    .replace(KEEP_RE, (run) => run.normalize("NFKC"))
    .replace(RADICAL_RE, (ch) => RADICALS_SUPPLEMENT[ch] ?? ch)
    .replace(VARIANT_RE, (ch) => VARIANTS[ch] ?? ch);
}

/** Chinese punctuation is kept as printed (（）：，；！？); everything else is NFKC-folded. */
const KEEP_RE = /[^（）：，；！？]+/g;

/** A printed label as one clean string: folded, with spaces and line breaks inside it removed. */
export function cleanLabel(s: string): string {
  return foldText(s).replace(/\s+/g, "");
}

/** NFKC on everything (（）： become ():), no whitespace of any width: the form labels are compared in. */
export function squash(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u3000]+/g, "");
}

/**
 * Printed ordinals by level, matched after NFKC (so ⑴ reads as (1) and ⒈ as 1.): 一、 is 1, （一） 2, 1. 3,
 * (1) 4. A number followed by a digit is a decimal, not an ordinal; a bare leading number (2019年, or ① folded
 * to 1) is not one either.
 */
const ORDINALS = [
  /^[一二三四五六七八九十廿]+[、.．]/,
  /^[(（][一二三四五六七八九十廿]+[)）]/,
  /^\d+[、.．](?!\d)/,
  /^[(（]\d+[)）]/,
];
/** An ordinal, after an optional 其中： (其中：（1）公务用车购置费); 其中： alone is kept, it marks a part. */
const ORDINAL = new RegExp(`^(?:其中[:：]?)?(?:${ORDINALS.map((re) => re.source.slice(1)).join("|")})`);

/** A label for comparing: squashed, without leading ordinals ("一、", "（一）", "1.", "(1)", "其中：（1）"). */
export function normLabel(label: string | null | undefined): string {
  let s = squash(label ?? "");
  for (let i = 0; i < 3; i++) {
    const next = s.replace(ORDINAL, "");
    if (next === s) break;
    s = next;
  }
  return s;
}

/** Ordinal level of a printed label: 1 for "一、", 2 for "（一）", 3 for "1.", 4 for "(1)", 0 when unnumbered. */
export function ordinalLevel(label: string | null | undefined): number {
  const s = squash(label ?? "");
  return ORDINALS.findIndex((re) => re.test(s)) + 1;
}
