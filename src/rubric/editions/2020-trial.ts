import type { RubricSource } from "../types";

/**
 * 全国乡镇（街道）示范型退役军人服务站创建标准（试行）, transcribed verbatim from the attachment of
 * 铜退役军人发〔2020〕13号 (see ../shared/seeds). test/rubric.test.ts compares every text with the notice.
 */
export const edition2020Trial: RubricSource = {
  edition: "2020-trial",
  title: "全国乡镇（街道）示范型退役军人服务站创建标准（试行）",
  titleEn:
    "National Creation Standard for Demonstration Township (Subdistrict) Veterans' Service Stations (Trial)",
  shortTitle: "试行标准（2020）",
  shortTitleEn: "Trial standard (2020)",
  // The campaign runs from 2020 to 2022, once a year.
  years: [2020, 2021, 2022],
  passLine: 90,
  baseMax: 100,
  categories: [
    {
      id: "political",
      name: "思想政治教育",
      nameEn: "Political and ideological education",
      heading: "思想政治教育（22分）",
      max: 22,
      tasks: [
        {
          name: "强化政治理论武装",
          nameEn: "Strengthen political theory study",
          items: [
            {
              no: 1,
              max: 2,
              text: "常态组织开展政治理论学习，用习近平新时代中国特色社会主义思想武装退役军人头脑",
            },
            { no: 2, max: 1, text: "引导退役军人通过网络资源学习" },
            { no: 3, max: 1, text: "充分利用“红色教育资源”，开展丰富多彩的学习教育活动" },
          ],
        },
        {
          name: "退役军人党员管理",
          nameEn: "Management of veteran Party members",
          items: [
            { no: 4, max: 1, text: "协助做好退役军人党员登记管理工作，建立退役军人党员清单" },
            { no: 5, max: 1, text: "协助完成退役军人党员组织关系转接，及时将每一名退役军人党员编入党支部" },
            {
              no: 6,
              max: 1,
              text: "协助基层党组织加强退役军人流动党员教育管理，实行组织关系一方隶属，参加多重组织生活",
            },
            { no: 7, max: 1, text: "主动了解退役军人党员思想动态、现实表现，强化教育引导" },
          ],
        },
        {
          name: "退役军人作用发挥",
          nameEn: "Veterans playing their role",
          items: [
            {
              no: 8,
              max: 1,
              text: "开展退役军人志愿服务，组织退役军人通过“志愿服务队”、“模范示范岗”等多种方式，在应急抢险、脱贫攻坚、环境保护、国防教育、防灾减灾、疫情防控等方面发挥示范带动作用",
            },
            { no: 9, max: 2, text: "培育退役军人村干部，鼓励退役军人党员到党的基层组织任职" },
            {
              no: 10,
              max: 1,
              text: "培育合作社理事长、种粮大户、养殖大户、就业创业能手等带头人，激励退役军人争当“领头羊”",
            },
          ],
        },
        {
          name: "先进典型学习宣传",
          nameEn: "Learning from and publicising role models",
          items: [
            { no: 11, max: 1, text: "挖掘、培树退役军人先进典型，展现新时代退役军人精神风貌" },
            { no: 12, max: 1, text: "邀请模范退役军人参加重要节庆活动，激发荣誉感归属感获得感" },
            { no: 13, max: 1, text: "组织退役军人学习先进典型，引导广大退役军人珍惜荣誉" },
          ],
        },
        {
          name: "拥军崇军氛围营造",
          nameEn: "Fostering respect for the military",
          items: [
            { no: 14, max: 1, text: "播放“军味”宣传片，突出“军”的特色" },
            { no: 15, max: 1, text: "展示文化墙、荣誉墙或陈列室，彰显“军”的风采" },
            { no: 16, max: 1, text: "为立功受奖现役军人家庭上门送喜报" },
            {
              no: 17,
              max: 1,
              text: "为退役军人、军属、烈属、因公牺牲军人家属和病故军人家属等家庭悬挂光荣牌",
            },
            {
              no: 18,
              max: 3,
              text: "新兵入伍做到“四尊崇”，即欢送仪式、举行座谈、挂光荣牌、拍集体照；退役返乡做到“五关爱”，即迎接仪式、开展谈心、宣讲政策、推介岗位、高效办事",
            },
          ],
        },
      ],
    },
    {
      id: "assistance",
      name: "帮扶援助",
      nameEn: "Assistance and aid",
      heading: "帮扶援助（12分）",
      max: 12,
      tasks: [
        {
          name: "困难对象建档立卡",
          nameEn: "Files for veterans in difficulty",
          items: [
            { no: 19, max: 1, text: "开展调查摸底工作，为困难退役军人逐一建档立卡" },
            { no: 20, max: 2, text: "按照“一人一策”要求，主动上门走访，了解实际需求，制定帮扶计划" },
          ],
        },
        {
          name: "广泛开展走访慰问",
          nameEn: "Visits and condolences",
          items: [
            {
              no: 21,
              max: 2,
              text: "重点做到“六必访”：退役返乡必访、立功受奖必访、英模典型必访、重要节日必访、遇到困难必访、重大变故必访",
            },
          ],
        },
        {
          name: "个性帮扶精准到位",
          nameEn: "Targeted individual assistance",
          items: [
            {
              no: 22,
              max: 2,
              text: "帮助符合条件退役军人按要求申报享受低保、特困供养、医疗救助、教育救助、住房救助、临时救助等待遇",
            },
            {
              no: 23,
              max: 2,
              text: "组织开展“送温暖、献爱心”等捐助活动，帮助困难退役军人解决生产生活中的实际问题",
            },
            {
              no: 24,
              max: 2,
              text: "利用结对帮扶、志愿服务、慈善捐款、社会资金，为因病、因残、因灾陷入困境的特殊困难退役军人家庭提供精准帮扶援助",
            },
            {
              no: 25,
              max: 1,
              text: "做好困难退役军人申请关爱基金或其他帮扶资金的受理、审查、核实和上报工作",
            },
          ],
        },
      ],
    },
    {
      id: "rights",
      name: "权益维护",
      nameEn: "Protection of rights and interests",
      heading: "权益维护（26分）",
      max: 26,
      tasks: [
        {
          name: "政策法规落地落实",
          nameEn: "Implementing policies and laws",
          items: [
            { no: 26, max: 1, text: "通过多种形式，大力宣传退役军人相关政策" },
            {
              no: 27,
              max: 1,
              text: "结合辖区退役军人服役情况和实际需要，精准推送政策服务，增强政策执行针对性、实效性",
            },
            { no: 28, max: 1, text: "开展普法宣传活动，引导广大退役军人尊法、学法、守法、用法" },
          ],
        },
        {
          name: "服务方式方法创新",
          nameEn: "Innovation in service methods",
          items: [
            { no: 29, max: 1, text: "建立服务站工作人员联系退役军人制度，主动上门服务" },
            { no: 30, max: 1, text: "引入行政调解、司法调解、人民调解，维护退役军人合法权益" },
            { no: 31, max: 1, text: "开展法律援助服务，提供经常性法律咨询" },
            { no: 32, max: 1, text: "提供心理疏导服务，体现人文关怀" },
            { no: 33, max: 2, text: "实施“服务代办”，提供方便快捷服务" },
            { no: 34, max: 2, text: "设立退役军人信息联络员，保持上下联络畅通" },
          ],
        },
        {
          name: "信访工作扎实有序",
          nameEn: "Solid, orderly petition handling",
          items: [
            { no: 35, max: 1, text: "对有信访诉求的退役军人按照“一案一册”要求建立台账，并积极主动沟通化解" },
            {
              no: 36,
              max: 2,
              text: "树立良好工作作风，来访接待做到“六个一”：一张笑脸、一声问候、一杯热水、一把椅子、一站服务、一办到底，登记办理流程记录齐全、手续完备，无服务对象投诉",
            },
            { no: 37, max: 2, text: "定期排查矛盾隐患，及时上报舆情信息，有效防范退役军人领域风险" },
            {
              no: 38,
              max: 2,
              text: "无越级上访、集体上访，做到小事不出村（社区）、一般事项不出乡镇（街道）",
            },
            {
              no: 39,
              max: 2,
              text: "及时办理上级转送、交办、督办和本地自行排查出的信访事项，无超期未办结信访事项",
            },
            { no: 40, max: 1, text: "妥善解决退役军人合理诉求，无诉求合理未解决信访事项" },
            { no: 41, max: 1, text: "首办责任落实到位，办理环节记录清晰，并及时反馈办理结果" },
            { no: 42, max: 1, text: "制定信访稳定工作应急预案，及时处置群体和突发事件" },
          ],
        },
        {
          name: "矛盾问题攻坚化解",
          nameEn: "Resolving difficult disputes",
          items: [
            {
              no: 43,
              max: 1,
              text: "对挂账督办的疑难复杂信访问题，严格落实“一人一策”要求，各级联动、精准协调、蹲点化解",
            },
            { no: 44, max: 1, text: "建立领导接访下访和包案制度，研究解决疑难信访问题，必要时军地合力攻坚" },
            { no: 45, max: 1, text: "建立重点对象“一对一”包联制度，建立包联台账，做好包联记录" },
          ],
        },
      ],
    },
    {
      id: "employment",
      name: "就业创业扶持",
      nameEn: "Employment and entrepreneurship support",
      heading: "就业创业扶持（8分）",
      max: 8,
      tasks: [
        {
          name: "提供就业创业服务",
          nameEn: "Employment and entrepreneurship services",
          items: [
            {
              no: 46,
              max: 2,
              text: "对退役军人就业创业需求进行摸底调查，建立就业创业信息数据库，保障供需信息有效对接，着力推动充分就业",
            },
            { no: 47, max: 1, text: "制定就业帮扶岗位清单，协助开发岗位，积极争取并推动落实优惠政策" },
            { no: 48, max: 2, text: "组织退役军人参加专场招聘会、推介会" },
            { no: 49, max: 1, text: "配合当地政府帮助“零就业”困难退役军人家庭实现上岗再就业" },
            {
              no: 50,
              max: 1,
              text: "组织开展退役军人返乡创业帮扶工作，协调有关部门开发推介退役军人创业项目",
            },
          ],
        },
        {
          name: "提升就业创业能力",
          nameEn: "Building employability",
          items: [
            {
              no: 51,
              max: 1,
              text: "组织动员退役军人参加适应性培训、职业技能培训和学历教育，并提供必要服务",
            },
          ],
        },
      ],
    },
    {
      id: "safeguards",
      name: "保障措施",
      nameEn: "Safeguard measures",
      heading: "保障措施(28分)",
      max: 28,
      tasks: [
        {
          name: "切实加强组织领导",
          nameEn: "Strengthening leadership",
          items: [
            { no: 52, max: 2, text: "乡镇（街道）主要领导定期听取工作情况汇报，研究部署工作，协调解决问题" },
            { no: 53, max: 1, text: "退役军人服务站工作列入本地年度工作要点" },
            {
              no: 54,
              max: 1,
              text: "创建工作情况纳入双拥模范城（县）评比表彰考核指标、平安建设（综治工作）考核范围",
            },
            { no: 55, max: 2, text: "专武干部参与乡镇（街道）退役军人服务站工作" },
            { no: 56, max: 1, text: "村（社区）退役军人服务站站长由村（社区）党组织书记兼任" },
          ],
        },
        {
          name: "完善服务设施设备",
          nameEn: "Service facilities and equipment",
          items: [
            {
              no: 57,
              max: 3,
              text: "有专门办公和服务场所，综合考量服务对象数量、工作需要等因素确定办公场所面积，在醒目位置悬挂统一规范的牌匾标识",
            },
            { no: 58, max: 2, text: "设立服务窗口、来访接待室、活动室等，提供规范化、亲情化服务" },
            {
              no: 59,
              max: 1,
              text: "配备电脑、电话、传真机、打印机、复印机等设备和资料柜、档案柜等办公家具",
            },
          ],
        },
        {
          name: "服务管理健全规范",
          nameEn: "Sound service management",
          items: [
            { no: 60, max: 1, text: "全面准确采集并动态更新退役军人基础信息数据" },
            { no: 61, max: 1, text: "服务场所设立窗口岗位标牌，设置服务热线，公开服务承诺" },
            {
              no: 62,
              max: 2,
              text: "建立沟通交流制度、业务培训制度、疑难问题化解制度、网格化服务管理制度、台账管理制度、平台使用管理和信息更新制度、舆情信息上报制度、资源共享制度，坚持用制度管人管事",
            },
            { no: 63, max: 2, text: "及时选派人员参加上级组织的培训" },
            { no: 64, max: 1, text: "开展对村（社区）退役军人服务站业务指导和培训" },
          ],
        },
        {
          name: "人员经费保障有力",
          nameEn: "Staff and funding",
          items: [
            {
              no: 65,
              max: 2,
              text: "按照规定核定事业编制人员规模，有编办文件，工作人员可为退役军人或烈属、军属等优抚对象",
            },
            { no: 66, max: 2, text: "配备专职工作人员，打造政治过硬、能力过硬、作风过硬的服务队伍" },
            { no: 67, max: 3, text: "按规定做好经费保障" },
            { no: 68, max: 1, text: "保障专兼职工作人员待遇" },
          ],
        },
      ],
    },
    {
      id: "satisfaction",
      name: "服务满意度",
      nameEn: "Service satisfaction",
      heading: "服务满意度（4分）",
      max: 4,
      tasks: [
        {
          name: null,
          nameEn: null,
          items: [
            { no: 69, max: 2, text: "通过调查问卷、随机抽查、第三方评估等方式开展满意度评价" },
            { no: 70, max: 2, text: "满意度达到90%以上" },
          ],
        },
      ],
    },
  ],
  bonus: {
    name: "加分项",
    nameEn: "Bonus items",
    heading: "加分项（10分）",
    cap: 10,
    sameMatterRule: "同一事项只计最高加分，不累计加分",
    sameMatterItems: [71, 72],
    items: [
      {
        no: 71,
        max: 4,
        text: "有典型意义的创新实践经验受到各级领导批示或简报宣传的，予以加分：受到中央领导批示或简报宣传的，加4分；受到省部级领导批示或简报宣传的，加3分；受到厅局级领导批示或简报宣传的，加2分",
        award: {
          kind: "tiers",
          tiers: [
            {
              points: 4,
              level: "中央",
              levelEn: "Central",
              label: "受到中央领导批示或简报宣传的",
              labelEn: "Endorsed or publicised in a bulletin by central leaders",
            },
            {
              points: 3,
              level: "省部级",
              levelEn: "Provincial / ministerial",
              label: "受到省部级领导批示或简报宣传的",
              labelEn: "Endorsed or publicised in a bulletin by provincial or ministerial leaders",
            },
            {
              points: 2,
              level: "厅局级",
              levelEn: "Prefectural / bureau",
              label: "受到厅局级领导批示或简报宣传的",
              labelEn: "Endorsed or publicised in a bulletin by prefectural or bureau leaders",
            },
          ],
        },
      },
      {
        no: 72,
        max: 4,
        text: "有典型意义的创新实践经验在会议上作经验交流或在主流媒体上宣传报道的，予以加分：在全国工作会议上作经验交流的，或受到央媒宣传报道的，加4分；在省级工作会议上作经验交流，或受到省级媒体宣传报道的，加3分；在地市级工作会议上作经验交流，或受到地市级媒体宣传报道的，加2分",
        award: {
          kind: "tiers",
          tiers: [
            {
              points: 4,
              level: "全国",
              levelEn: "National",
              label: "在全国工作会议上作经验交流的，或受到央媒宣传报道的",
              labelEn: "Presented at a national work conference, or reported by central media",
            },
            {
              points: 3,
              level: "省级",
              levelEn: "Provincial",
              label: "在省级工作会议上作经验交流，或受到省级媒体宣传报道的",
              labelEn: "Presented at a provincial work conference, or reported by provincial media",
            },
            {
              points: 2,
              level: "地市级",
              levelEn: "Prefectural",
              label: "在地市级工作会议上作经验交流，或受到地市级媒体宣传报道的",
              labelEn: "Presented at a prefectural work conference, or reported by prefectural media",
            },
          ],
        },
      },
      {
        no: 73,
        max: 1,
        text: "乡镇（街道）退役军人服务站站长由同级党委、政府主要领导兼任",
        award: { kind: "all-or-nothing" },
      },
      {
        no: 74,
        max: 1,
        text: "其他事项表现特别突出，经省级退役军人事务工作领导小组办公室同意的，酌情加分",
        award: { kind: "discretionary" },
      },
    ],
  },
  veto: {
    no: 75,
    name: "一票否决",
    nameEn: "Veto",
    text: "1、发生重大群体性事件的；2、发生个人极端案事件的；3、发生重大舆情负面炒作的；4、其他规定取消考核资格的",
    conditions: [
      { key: "75.1", text: "发生重大群体性事件的", textEn: "A major mass incident occurred" },
      { key: "75.2", text: "发生个人极端案事件的", textEn: "An extreme individual incident occurred" },
      { key: "75.3", text: "发生重大舆情负面炒作的", textEn: "Major negative public-opinion hype occurred" },
      { key: "75.4", text: "其他规定取消考核资格的", textEn: "Disqualified under other regulations" },
    ],
  },
  notes: [
    "本创建标准总分值100分，每项按固定分值赋分；另设加分项10分，同一事项只计最高加分，不累计加分。",
    "示范型退役军人服务站必须达到90分（含）以上。",
    "2020年创建全国双拥模范城（县）的地方，“枫桥式退役军人服务中心（站）”数量应达到本区域内退役军人服务中心（站）总数的60%以上。",
    "本创建标准由退役军人事务部负责解释。",
  ],
  notice: {
    documentNo: "铜退役军人发〔2020〕13号",
    issuer: "重庆市铜梁区退役军人事务局",
    title: "关于开展2020年全国示范型退役军人服务站创建活动的通知",
    issued: "2020-07-15",
    year: 2020,
    targetRate: 0.6,
    stations: [
      "巴川街道",
      "东城街道",
      "南城街道",
      "蒲吕街道",
      "旧县街道",
      "土桥镇",
      "安居镇",
      "平滩镇",
      "虎峰镇",
      "福果镇",
      "石鱼镇",
      "少云镇",
      "大庙镇",
      "围龙镇",
      "永嘉镇",
      "侣俸镇",
      "太平镇",
    ],
    timeline: [
      { step: "动员部署", stepEn: "Mobilisation", by: "2020-07-24" },
      { step: "示范创建", stepEn: "Creation", by: "2020-10-31" },
      { step: "督促指导", stepEn: "Supervision and guidance", by: "2020-11-05" },
      { step: "审核验收", stepEn: "Review and acceptance", from: "2020-11-05", by: "2020-12-31" },
      {
        step: "区退役军人事务局初检并报送创建名单",
        stepEn: "District initial check and list submitted to the city",
        partOf: "审核验收",
        by: "2020-11-05",
      },
      {
        step: "市退役军人事务局审核并抽取50%以上暗访",
        stepEn: "City review and unannounced visits to at least 50%",
        partOf: "审核验收",
        by: "2020-11-25",
      },
      { step: "退役军人事务部验收", stepEn: "Ministry acceptance", by: "2020-12-31", partOf: "审核验收" },
      { step: "通报挂牌", stepEn: "Announcement and plaques", by: "2021-01-31" },
    ],
  },
};
