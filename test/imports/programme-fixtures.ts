/** Programme tables built in code for the import tests. */

export const zone = "Asia/Shanghai";
export const now = new Date("2026-06-01T02:00:00Z");
export const options = { timeZone: zone, now, year: 2026 };

export const titleRow = ["2026年“社会组织公益日”公益服务活动安排表"];
export const zhHeader = ["序号", "公益服务活动名称", "组织单位", "具体内容和对象", "服务活动地点或区域", "活动时间"];

/** Ten activities as printed, numbered like the table (row 3 onwards when a title row is on top). */
export const zhRows: string[][] = [
  [
    "1",
    "社区义诊",
    "市红十字会、区卫生健康局、幸福社区居委会",
    "为辖区老年人免费测量血压、血糖，提供健康咨询",
    "幸福社区服务中心",
    "6月28日 9:00-11:30",
  ],
  [
    "2",
    "垃圾分类宣传进社区",
    "市环保志愿者协会、城东街道办事处等",
    "向居民讲解垃圾分类知识，发放宣传册",
    "城东街道各小区",
    "6月28日",
  ],
  [
    "3",
    "爱心茶摊",
    "市志愿服务联合会，市总工会等",
    "为环卫工人、快递员等户外劳动者免费提供茶水和防暑药品",
    "全市约15个服务点",
    "6月16日开始持续到年底",
  ],
  [
    "4",
    "亲子心理健康讲座",
    "市心理咨询师协会",
    "面向青少年家长，讲解青春期沟通技巧",
    "线上活动",
    "6月28日 19:30-21:00",
  ],
  [
    "5",
    "关爱住院儿童",
    "市儿童福利基金会/市第一人民医院",
    "探访住院儿童，赠送绘本和玩具",
    "市第一人民医院儿科",
    "6月28日",
  ],
  ["6", "公益电影放映", "城西社区社会组织联合会", "为社区居民放映公益电影", "城西文化广场", "6月下旬"],
  ["7", "爱心图书捐赠", "市图书馆志愿者协会；市青年志愿者协会", "募集图书捐赠给乡村学校", "某县30个行政村", "7月1日"],
  ["8", "公益健步走", "市体育总会", "全民健身，\n健步走5公里", " 滨江公园 ", "6月28日 8:00-10:00"],
  ["9", "免费法律咨询", "市律师协会、市法律援助中心", "解答婚姻家庭、劳动争议等法律问题", "市民广场", "6月28日"],
  ["10", "旧衣回收", "市环保志愿者协会", "回收旧衣物，分类捐赠或再利用", "线上", "时间待定"],
];

/** Joins cells into CSV or TSV, quoting like Excel does. */
export function table(records: string[][], delimiter = ","): string {
  const quote = (cell: string) =>
    cell.includes(delimiter) || /["\n]/.test(cell) ? '"' + cell.replaceAll('"', '""') + '"' : cell;
  return records.map((cells) => cells.map(quote).join(delimiter)).join("\r\n") + "\r\n";
}

export const zhProgramme = table([titleRow, zhHeader, ...zhRows]);
