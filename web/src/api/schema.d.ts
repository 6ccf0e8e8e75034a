// 由 `npm run gen:api` 从服务的 OpenAPI 生成，请勿手工修改。
// Generated from the service OpenAPI by openapi-typescript; do not edit.

export interface paths {
    "/api/v1/admin/account-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 账号与管理事件（登录锁定、解锁、刷新令牌重复使用、载入工作日历）
         * @description 最近的账号与管理事件（登录锁定、管理员解锁、刷新令牌重复使用、管理员载入工作日历 `calendar_loaded`），新的在前。
         *
         *     **可调用角色：管理员**
         */
        get: operations["account_events_api_v1_admin_account_events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API 密钥列表（不含明文）
         * @description API 密钥列表，最新的在前（不含密钥原文）。
         *
         *     **可调用角色：管理员**
         */
        get: operations["list_keys_api_v1_admin_api_keys_get"];
        put?: never;
        /**
         * 新建 API 密钥（明文只返回这一次）
         * @description 新建 API 密钥；返回中的 `key` 字段是唯一一次显示密钥原文，请立即保存。
         *
         *     **可调用角色：管理员**
         */
        post: operations["create_key_api_v1_admin_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * 吊销 API 密钥
         * @description 吊销 API 密钥；吊销后仍在列表中，带 `revoked_at`。
         *
         *     **可调用角色：管理员**
         */
        delete: operations["revoke_key_api_v1_admin_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/calendar/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 载入或替换一年的放假安排（节假日与调休），并重算临时计时
         * @description 整体替换该年的放假安排。每个日期须在该年内且只出现一次（422 `calendar_date_outside_year`、`calendar_date_repeated`），调休上班日须是周六或周日（422 `calendar_makeup_not_weekend`），放假起止须有效且不超过 32 天（422 `calendar_range_invalid`）。载入后按临时日历计时的在办阶段重新计算到期时间（到期时间改变的案卷记一条“时限重算”事件），并记一条管理事件 `calendar_loaded`。
         *
         *     **可调用角色：管理员**
         */
        put: operations["put_year_api_v1_admin_calendar__year__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 类别目录（可按类型、名称/代码、启用状态筛选）
         * @description 按类型（部件/事件）、名称或代码、启用状态筛选类别目录。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_categories_api_v1_admin_categories_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/categories/{category_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * 删除未被使用的类别（被案卷使用的类别只能停用，返回 409）
         * @description 删除未被任何案卷使用的类别；被使用的类别只能停用（409）。
         *
         *     **可调用角色：管理员**
         */
        delete: operations["remove_category_api_v1_admin_categories__category_id__delete"];
        options?: never;
        head?: never;
        /**
         * 启用/停用类别，设置自动派遣与重复判定参数
         * @description 启用或停用类别、对公众开放、立案后自动派遣、重复案卷判定的半径与时间窗口；只改提交的字段。
         *
         *     **可调用角色：管理员**
         */
        patch: operations["patch_category_api_v1_admin_categories__category_id__patch"];
        trace?: never;
    };
    "/api/v1/admin/categories/{category_id}/standards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 类别的立结案标准（现行版本）
         * @description 类别现行的立案条件、严重程度、处置时限（一般/重点区域）与结案条件。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_standards_api_v1_admin_categories__category_id__standards_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/grid/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 最近的导入任务（不含问题明细）
         * @description 最近的网格数据导入任务及其进度与结果。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_imports_api_v1_admin_grid_imports_get"];
        put?: never;
        /**
         * 上传网格数据文件并试导入或导入（后台任务）
         * @description multipart/form-data：`file`（GeoPackage、压缩的 Shapefile .zip、GeoJSON 或 CSV）、`layer`（目标图层）与导入选项，返回 202 和任务；检查与导入在后台进行，用 `GET /imports/{id}` 轮询进度与结果。`dry_run=true`（默认）只检查：一次列出全部问题（每条带读取的图层、要素号 fid、代码和位置），不写入；确认无误后用 `POST /imports/{id}/apply` 正式导入同一文件。`source_layer` 不填时按图层名选择（英文或中文：街道、社区、单元网格……）；`field` 可重复，如 `code=网格编码`；`replace`：communities（默认，只替换文件中的社区）、streets、district，后两者会使社区失去网格时需 `confirm=true`。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_import_api_v1_admin_grid_imports_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/grid/imports/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导入任务的进度与结果（轮询）
         * @description `status`、`stage`、`done`/`total`、`progress`（0–1）随任务推进更新；结束后给出摘要或全部问题。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_import_api_v1_admin_grid_imports__job_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/grid/imports/{job_id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 正式导入一次试导入过的文件（新任务）
         * @description 用试导入任务的文件和选项（可加 `confirm`）创建正式导入任务，返回 202 和新任务。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_apply_api_v1_admin_grid_imports__job_id__apply_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/grid/imports/{job_id}/report.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导入任务的问题报告（GeoJSON，可在地图或 QGIS 中查看）
         * @description 导入任务发现的全部问题（要素编号、问题代码、位置），RFC 7946 GeoJSON，可在 QGIS 中打开。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_import_report_api_v1_admin_grid_imports__job_id__report_geojson_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/hotline/keywords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 类别建议关键词（可按类别筛选）
         * @description 坐席输入诉求内容时，类别名称之外用这些关键词（同义词）建议类别；权重越大越优先。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_keywords_api_v1_admin_hotline_keywords_get"];
        put?: never;
        /**
         * 新增类别建议关键词
         * @description 类别须存在；同一类别的关键词不能重复（409 `keyword_taken`）。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_keyword_api_v1_admin_hotline_keywords_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/hotline/keywords/{keyword_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * 删除类别建议关键词
         * @description 删除关键词.
         *
         *     **可调用角色：管理员**
         */
        delete: operations["delete_keyword_api_v1_admin_hotline_keywords__keyword_id__delete"];
        options?: never;
        head?: never;
        /**
         * 修改类别建议关键词（文字或权重）
         * @description 修改关键词.
         *
         *     **可调用角色：管理员**
         */
        patch: operations["patch_keyword_api_v1_admin_hotline_keywords__keyword_id__patch"];
        trace?: never;
    };
    "/api/v1/admin/hotline/urgencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 热线紧急程度及反馈时限（含已停用）
         * @description 紧急程度列表.
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_urgencies_api_v1_admin_hotline_urgencies_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/hotline/urgencies/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 新建或修改紧急程度（反馈时限对新登记的工单生效）
         * @description 代码为小写字母开头的字母、数字、下划线；新建时须填名称与反馈时限。`active=false` 停用：坐席不能再选，已登记的工单不受影响。
         *
         *     **可调用角色：管理员**
         */
        put: operations["put_urgency_api_v1_admin_hotline_urgencies__code__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/login-locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 当前的登录锁定（账号、客户端地址）
         * @description 列出仍在生效的登录锁定（按账号或客户端地址），剩余时间最长的在前。
         *
         *     **可调用角色：管理员**
         */
        get: operations["list_login_locks_api_v1_admin_login_locks_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/login-locks/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 解除登录锁定（记入账号事件）
         * @description 解除一个用户名和/或客户端地址的登录锁定并清零失败次数；解锁记入账号事件。
         *
         *     **可调用角色：管理员**
         */
        post: operations["unlock_login_api_v1_admin_login_locks_unlock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 责任规则列表（可按区县、单位、角色、启用状态筛选）
         * @description 责任规则列表.
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_rules_api_v1_admin_rules_get"];
        put?: never;
        /**
         * 新建责任规则
         * @description 类别范围（类型、大类或小类，都不填为全部类别）× 区域范围（区县、街道、社区、指定网格）× 角色 × 优先级。区域代码须属于本区县且存在；不合法返回 422 `invalid_rule` 并指出字段。多边形范围的规则通过网格数据导入建立。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_rule_api_v1_admin_rules_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/rules/{rule_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * 修改或停用责任规则（只改提交的字段）
         * @description `active=false` 停用：派遣建议不再使用该规则。改动后整条规则重新检查。
         *
         *     **可调用角色：管理员**
         */
        patch: operations["patch_rule_api_v1_admin_rules__rule_id__patch"];
        trace?: never;
    };
    "/api/v1/admin/rules/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 派遣预览：某类别在某点位会派给哪个单位（可试用未保存的规则改动）
         * @description 用与上报、派遣建议相同的派遣算法计算两次：现行规则下，以及加上 `drafts`（新规则或对已有规则的修改、停用）之后。改动只在本次计算中生效，不会保存。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_rule_preview_api_v1_admin_rules_preview_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stage-limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 阶段时限（核实、立案、派遣、核查、结案）
         * @description 各阶段（核实、立案、派遣、核查、结案）的时限，可按来源单独设置。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_stage_limits_api_v1_admin_stage_limits_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/stage-limits/{stage}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 设置阶段时限（新开始的阶段生效）
         * @description 新建或修改阶段时限；只对此后开始的阶段计时生效。
         *
         *     **可调用角色：管理员**
         */
        put: operations["put_stage_limit_api_v1_admin_stage_limits__stage__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/standards/{standard_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 修改立结案标准（生成新版本，不改写已运行的计时）
         * @description 修改立结案标准即生成新版本；已开始的计时仍按原时限。
         *
         *     **可调用角色：管理员**
         */
        put: operations["put_standard_api_v1_admin_standards__standard_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 责任单位列表（可按区县、启用状态、名称/代码、上级单位筛选）
         * @description 按单位代码排序；每个单位带上级单位名称与启用的下级单位数。
         *
         *     **可调用角色：管理员**
         */
        get: operations["get_units_api_v1_admin_units_get"];
        put?: never;
        /**
         * 新建责任单位
         * @description 单位代码唯一（重复 409 `unit_code_taken`）；上级单位须存在（否则 422 `invalid_unit_parent`）。
         *
         *     **可调用角色：管理员**
         */
        post: operations["post_unit_api_v1_admin_units_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/units/{unit_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * 修改或停用责任单位（只改提交的字段）
         * @description `active=false` 停用：派遣建议不再选中它（已派遣的案卷不受影响）；`parent_id` 不能形成循环（422 `invalid_unit_parent`）。
         *
         *     **可调用角色：管理员**
         */
        patch: operations["patch_unit_api_v1_admin_units__unit_id__patch"];
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 用户列表
         * @description 用户列表，可只列某一角色。
         *
         *     **可调用角色：管理员**
         */
        get: operations["list_users_api_v1_admin_users_get"];
        put?: never;
        /**
         * 新建用户
         * @description 新建用户；用户名已存在返回 409。
         *
         *     **可调用角色：管理员**
         */
        post: operations["create_user_api_v1_admin_users_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 用户详情
         * @description 一个用户的详情。
         *
         *     **可调用角色：管理员**
         */
        get: operations["read_user_api_v1_admin_users__user_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * 修改用户（改密码/角色/单位/停用即吊销令牌）
         * @description 修改用户（角色、单位、辖区、停用等），只改提交的字段。
         *
         *     **可调用角色：管理员**
         */
        patch: operations["update_user_api_v1_admin_users__user_id__patch"];
        trace?: never;
    };
    "/api/v1/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 上传照片
         * @description multipart/form-data：`file`（照片）与 `kind`（report 上报 | verify 核实 | before 处置前 | after 处置后 | check 核查）。只接受 JPEG、PNG、WebP、HEIC，按文件内容判断（改扩展名无效，否则 422 `unsupported_media_type`）；超过大小上限返回 413（不读完整个上传）；空文件、损坏或像素过多的图片返回 422。记录 SHA-256、宽高、EXIF GPS 与拍摄时间（仅作佐证），生成 JPEG 缩略图。返回的 `id` 用于上报或流转动作的 `photos`。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        post: operations["post_attachment_api_v1_attachments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 照片原文件
         * @description 照片原图（按内容识别的类型）；照片所属案卷不在权限范围内时返回 404。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["read_attachment_api_v1_attachments__attachment_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/attachments/{attachment_id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 照片缩略图（JPEG）
         * @description 照片的 JPEG 缩略图（长边 `thumbnail_px` 像素）。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["read_thumbnail_api_v1_attachments__attachment_id__thumbnail_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 退出登录：吊销本人的全部令牌
         * @description 注销：作废本人已签发的全部令牌。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        post: operations["logout_api_v1_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 当前用户（角色、单位、辖区、责任网格）
         * @description 当前登录用户：角色、单位、辖区与巡查区域。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["me_api_v1_auth_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 用刷新令牌换取新令牌（刷新令牌只能用一次）
         * @description 每个刷新令牌只能换一次：换得新的访问令牌和新的刷新令牌（同一登录的令牌族）。已用过的刷新令牌再次出现（可能被窃取）时，401 `refresh_token_reused`，并吊销这一登录的全部刷新令牌，须重新登录。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["refresh_api_v1_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 登录：用户名 + 密码换取令牌（OAuth2 password）
         * @description 同一账号或同一客户端地址连续登录失败达到上限即暂时锁定：锁定期间一律 429 `login_locked`（带 `Retry-After` 秒数），不再校验密码；再次锁定时长加倍。系统管理员可提前解锁。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["login_api_v1_auth_token_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 工作日历概况（已知年份、临时计时的案卷数）
         * @description 已载入放假安排的年份及来源、最后已知年份，以及本人权限范围内按临时日历计时的在办案卷数。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_summary_api_v1_calendar_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 一年的工作日历（每天：工作日、休息日、节假日、调休上班）
         * @description 该年每一天的类型与名称；`known=false` 表示尚未载入该年放假安排，只按周一至周五计（临时）。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_year_api_v1_calendar__year__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/provisional-cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 按临时日历计时的在办案卷
         * @description 时限跨入尚未载入放假安排的年份、只按周一至周五计算的在办案卷（本人权限范围内），按最早的临时到期时间排列；载入该年放假安排后自动重算。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_provisional_api_v1_calendar_provisional_cases_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 案卷查询：按状态、类别、来源、单位、区域、灯色、时段、文字组合查询
         * @description 指挥中心与领导的案卷查询，只返回调用者权限范围内的案卷。条件可组合：状态、在办/已办结、类别、来源、承办单位、街道/社区/单元网格、灯色、超期、上报时段、文字（匹配案卷编号、问题描述、地址）。默认最新上报在前（`sort=urgency`：按紧急程度）；游标分页（`next_cursor`）。未知参数或取值不合法返回 422 `invalid_filter`。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_cases_api_v1_cases_get"];
        put?: never;
        /**
         * 上报案卷
         * @description 定位到单元网格、派遣建议、生成案卷编号（区县-年度-序号，连续不跳号）、开始立案计时、写入首条事件；返回案卷及疑似重复的开放案卷（同类别、半径与时间窗口可配置）。带 `Idempotency-Key` 的重试返回首次结果；同一键不同内容返回 409。
         *
         *     **可调用角色：监督员、受理员、热线坐席**
         */
        post: operations["post_case_api_v1_cases_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 案卷详情（含各阶段计时、红黄绿灯与可执行动作）
         * @description 案卷的全部字段、各阶段计时与红黄绿灯、照片、计数，以及调用者可执行的动作 `allowed_actions`；权限范围外返回 404。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["read_case_api_v1_cases__case_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 回访（callback）
         * @description 可执行角色：热线坐席。需提交：回访结果（满意/基本满意/不满意）。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：热线坐席**
         */
        post: operations["case_callback_api_v1_cases__case_id__actions_callback_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/check_fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 核查不通过（返工）（check_fail）
         * @description 可执行角色：监督员。需提交：照片、理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：监督员**
         */
        post: operations["case_check_fail_api_v1_cases__case_id__actions_check_fail_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/check_pass": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 核查通过（check_pass）
         * @description 可执行角色：监督员。需提交：照片。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：监督员**
         */
        post: operations["case_check_pass_api_v1_cases__case_id__actions_check_pass_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 结案（close）
         * @description 可执行角色：值班长、系统（自动）。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：值班长**
         */
        post: operations["case_close_api_v1_cases__case_id__actions_close_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 派遣（dispatch）
         * @description 可执行角色：派遣员、系统（自动）。需提交：目标单位。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_dispatch_api_v1_cases__case_id__actions_dispatch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/extend_approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批准延期（extend_approve）
         * @description 可执行角色：派遣员。需提交：延期时长（小时）。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_extend_approve_api_v1_cases__case_id__actions_extend_approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/extend_deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 驳回延期（extend_deny）
         * @description 可执行角色：派遣员。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_extend_deny_api_v1_cases__case_id__actions_extend_deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/extend_request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请延期（extend_request）
         * @description 可执行角色：处置单位。需提交：延期时长（小时）、理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_extend_request_api_v1_cases__case_id__actions_extend_request_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 立案（file）
         * @description 可执行角色：值班长、系统（自动）。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：值班长**
         */
        post: operations["case_file_api_v1_cases__case_id__actions_file_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/handle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 处置反馈（handle）
         * @description 可执行角色：处置单位。需提交：照片。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_handle_api_v1_cases__case_id__actions_handle_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 合并（merge）
         * @description 可执行角色：受理员。需提交：主案卷。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：受理员**
         */
        post: operations["case_merge_api_v1_cases__case_id__actions_merge_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/recall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批准退回上级单位（recall）
         * @description 可执行角色：处置单位。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_recall_api_v1_cases__case_id__actions_recall_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/redispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 二级派遣（redispatch）
         * @description 可执行角色：处置单位。需提交：目标单位。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_redispatch_api_v1_cases__case_id__actions_redispatch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 不予受理/不予立案（reject）
         * @description 可执行角色：值班长、受理员。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：受理员、值班长**
         */
        post: operations["case_reject_api_v1_cases__case_id__actions_reject_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 恢复（resume）
         * @description 可执行角色：派遣员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_resume_api_v1_cases__case_id__actions_resume_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/return_approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批准回退（return_approve）
         * @description 可执行角色：派遣员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_return_approve_api_v1_cases__case_id__actions_return_approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/return_deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 驳回回退（return_deny）
         * @description 可执行角色：处置单位、派遣员。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员、处置单位**
         */
        post: operations["case_return_deny_api_v1_cases__case_id__actions_return_deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/return_request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请回退（return_request）
         * @description 可执行角色：处置单位。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_return_request_api_v1_cases__case_id__actions_return_request_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/self_handle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 自处理（self_handle）
         * @description 可执行角色：监督员。需提交：照片。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：监督员**
         */
        post: operations["case_self_handle_api_v1_cases__case_id__actions_self_handle_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/send_verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 派发核实（send_verify）
         * @description 可执行角色：受理员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：受理员**
         */
        post: operations["case_send_verify_api_v1_cases__case_id__actions_send_verify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 签收（sign）
         * @description 可执行角色：处置单位。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_sign_api_v1_cases__case_id__actions_sign_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/suspend_approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批准挂账（suspend_approve）
         * @description 可执行角色：派遣员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_suspend_approve_api_v1_cases__case_id__actions_suspend_approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/suspend_deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 驳回挂账（suspend_deny）
         * @description 可执行角色：派遣员。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_suspend_deny_api_v1_cases__case_id__actions_suspend_deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/suspend_request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请挂账（suspend_request）
         * @description 可执行角色：处置单位。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["case_suspend_request_api_v1_cases__case_id__actions_suspend_request_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/verify_exists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 核实属实（verify_exists）
         * @description 可执行角色：监督员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：监督员**
         */
        post: operations["case_verify_exists_api_v1_cases__case_id__actions_verify_exists_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/verify_not_exists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 核实不属实（verify_not_exists）
         * @description 可执行角色：监督员。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：监督员**
         */
        post: operations["case_verify_not_exists_api_v1_cases__case_id__actions_verify_not_exists_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/void_approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批准作废（void_approve）
         * @description 可执行角色：值班长。需提交：无。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：值班长**
         */
        post: operations["case_void_approve_api_v1_cases__case_id__actions_void_approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/void_deny": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 驳回作废（void_deny）
         * @description 可执行角色：值班长。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：值班长**
         */
        post: operations["case_void_deny_api_v1_cases__case_id__actions_void_deny_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/actions/void_request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 申请作废（void_request）
         * @description 可执行角色：派遣员。需提交：理由/说明。状态与权限由统一的流转表检查：不允许的状态返回 409 `invalid_transition`（附当前状态），角色或单位不符返回 403 `action_forbidden`。并发冲突时只有一个请求成功。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["case_void_request_api_v1_cases__case_id__actions_void_request_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/cases/{case_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 执法全过程记录（哈希链）
         * @description 案卷的全部事件，按发生顺序：动作、前后状态（代码与中文名）、操作人（姓名、角色、单位）、理由、照片、时间与哈希链。权限范围外的案卷返回 404。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["read_events_api_v1_cases__case_id__events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 类别选择：按名称、代码、大类搜索已启用的类别
         * @description 供坐席、受理员等选择问题类别；`q` 匹配类别名称、5 位代码、大类名称或 2 位大类代码。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_categories_api_v1_categories_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 审批台：回退、延期、挂账、作废申请（申请人、理由、时长、时间）
         * @description 回退申请只列一级派遣的（二级派遣的回退由下派的上级单位决定）；最早的申请在前。
         *
         *     **可调用角色：受理员、值班长、派遣员**
         */
        get: operations["get_approvals_api_v1_centre_approvals_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 指挥中心各列表角标（一次查询）
         * @description 受理台、派遣台、审批台、督办各列表的角标，一次查询，条件与列表相同。
         *
         *     **可调用角色：受理员、值班长、派遣员**
         */
        get: operations["get_centre_counts_api_v1_centre_counts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/dispatch-board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 派遣台：待派遣案卷及建议单位、决定它的责任规则
         * @description 待派遣案卷：红灯先于黄灯先于绿灯，其次紧急程度、时限先到期者优先；每条带建议单位及决定它的责任规则或部件。
         *
         *     **可调用角色：受理员、值班长、派遣员**
         */
        get: operations["get_dispatch_board_api_v1_centre_dispatch_board_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/dispatch-board/{case_id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 一键派遣（默认派给建议单位）
         * @description 与 `POST /api/v1/cases/{id}/actions/dispatch` 相同的流转：不指定 `unit_id` 时派给建议单位（`routed_unit_id`）。重复点击时第二次返回 409（案卷已是处置中）。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["post_board_dispatch_api_v1_centre_dispatch_board__case_id__dispatch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/dispatch-board/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批量派遣（默认各派给建议单位）
         * @description 与 `POST /api/v1/cases/{id}/actions/dispatch` 相同的流转（同一张流转表、同一套计时规则、同一个事件链写入），成批加锁、成批写入：不指定 `unit_id` 时各派给其建议单位。某一件失败（不存在/不在范围内 404、不是待派遣 409、没有有效单位 422）在写入前即被拒绝，不留下任何记录，也不影响其他件。按提交顺序返回每件的结果；一次最多 1000 件（`XIUHUA_DISPATCH_BULK_MAX`）。
         *
         *     **可调用角色：派遣员**
         */
        post: operations["post_bulk_dispatch_api_v1_centre_dispatch_board_dispatch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 受理台：待受理、待核实的案卷（来源、疑似重复、计时灯）
         * @description 待受理、待核实的案卷：红灯先于黄灯先于绿灯，其次紧急程度、时限先到期者优先；每条带来源与疑似重复的开放案卷。
         *
         *     **可调用角色：受理员、值班长、派遣员**
         */
        get: operations["get_inbox_api_v1_centre_inbox_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/supervision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 督办：超期案卷（超期天数、责任单位、督办时间），超期最久的在前
         * @description 指挥中心与领导可查看；每件案卷只列其超期最久的在办计时。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导**
         */
        get: operations["get_supervision_api_v1_centre_supervision_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/centre/to-close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 待结案：核查通过、等待值班长结案的案卷
         * @description 值班长的结案列表：红灯先于黄灯先于绿灯（结案阶段计时），其次紧急程度、时限先到期者优先。每条带处置、核查时间与返工次数；`allowed_actions` 含“结案”及其接口。
         *
         *     **可调用角色：值班长**
         */
        get: operations["get_to_close_api_v1_centre_to_close_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exchange/cases.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 案卷上报数据（JSON Lines，增量）
         * @description 每行一个案卷记录（字段见 docs/EXCHANGE.md 与 JSON Schema app/data/exchange/case-record.schema.json）：案卷编号、来源、标准类别代码、WGS-84 位置、15 位网格代码、区县/街道/社区代码、各阶段开始/时限/结束时间、处置单位、状态与结果。`updated_since` 只返回该时间之后变更的案卷（按变更时间排序，用最后一行的 updated_at 续传）；也可按上报时间段 `from`/`to` 与区县筛选。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["exchange_cases_api_v1_exchange_cases_jsonl_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/cases.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 导出案卷清单（CSV / XLSX）
         * @description 按上报时间段（`from`、`to`，日期含当天，最长 366 天）及区县、街道、社区、处置单位、类别、来源、状态筛选，导出案卷清单：案卷编号、来源、大类/小类、问题描述、地址、网格编码、社区/街道、处置单位、状态、各节点时间、处置时限、是否按期、返工/回退/延期次数、回访结果。CSV 为带 BOM 的 UTF-8（Excel 可直接打开），XLSX 含表头样式与筛选。多值筛选可重复参数，如 `status=closed&status=evaluated`。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["export_cases_api_v1_exports_cases__fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/table.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 把任一指标表导出为 CSV / XLSX
         * @description 提交一张指标表（表名、列 key/label/kind、行），返回 CSV（带 BOM 的 UTF-8）或 XLSX。列类型：text、int、number、rate（0–1 的比率，导出为百分比）、score（保留两位小数）、datetime（ISO 8601）。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        post: operations["export_table_api_v1_exports_table__fmt__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/geocode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 地址匹配：中文地址文本 → 标准地址候选
         * @description 规范化（全半角、空格标点、中文数字）后用 pg_trgm 相似度在标准地址库中排序，返回候选及得分。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_geocode_api_v1_geocode_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/geocode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 地址匹配：诉求人描述的地址 → 标准地址候选（含得分）
         * @description 在坐席辖区内匹配标准地址，返回候选与相似度。登记工单时可传 `address_id`（坐席选定）或点位；只给地址文本时，最佳候选得分不低于 `auto_pick_threshold` 才自动采用。
         *
         *     **可调用角色：受理员、热线坐席**
         */
        get: operations["get_geocode_api_v1_hotline_geocode_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 三率：各承办单位的响应率、解决率、满意率与综合得分
         * @description 统计登记日期在 [from, to]（含两端，本地日期）内、调用者可见的工单。响应率 = 在反馈时限内联系的工单 / 已联系或已超时的工单；解决率 = 解决 / 已登记结果；满意率 = (满意 + 0.9 × 基本满意) / 有效回访；综合 = 10% / 50% / 40%（权重与系数可配置）。合并、作废的工单不计。
         *
         *     **可调用角色：热线坐席、领导、管理员**
         */
        get: operations["get_rates_api_v1_hotline_rates_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/suggest-category": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 按诉求内容建议问题类别（关键词）
         * @description 用类别名称与关键词表（同义词，如 摆摊→占道经营、牛皮癣→非法小广告）匹配诉求内容，按命中关键词的权重 × 长度排序。关键词表 `dispatch_hotline_keyword` 可按需维护。
         *
         *     **可调用角色：受理员、热线坐席**
         */
        post: operations["post_suggest_category_api_v1_hotline_suggest_category_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 热线工单列表（按案卷倒序，游标分页，诉求人掩码）
         * @description 按辖区与角色可见范围过滤。按来电号码查重复来电请用 `POST /tickets/search`。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_tickets_api_v1_hotline_tickets_get"];
        put?: never;
        /**
         * 登记热线工单（接诉即办）
         * @description 工单即案卷（来源 hotline），编号、计时与全过程记录同其他案卷。位置依次取：坐席确认的点位、选定的标准地址、地址文本的最佳匹配（得分达到阈值）；都没有时仍受理，派给所属区县的兜底单位并标记 `no_location`。同一来源系统的工单号重复返回 409 `duplicate_ticket`（附已有案卷编号）；带 `Idempotency-Key` 的重试返回首次结果。诉求人信息加密存储，所有应答只显示掩码。
         *
         *     **可调用角色：受理员、热线坐席**
         */
        post: operations["post_ticket_api_v1_hotline_tickets_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets/{case_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 热线工单详情（工单 + 案卷，诉求人掩码）
         * @description 热线工单及其案卷（诉求人联系方式已脱敏）；权限范围外返回 404。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_ticket_api_v1_hotline_tickets__case_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets/{case_id}/caller": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 查看诉求人姓名与电话（明文，留痕）
         * @description 仅热线坐席（辖区内）与当前承办单位（办理中）可调用；须填写理由。每次调用在案卷的全过程记录（哈希链）中追加一条 `caller_revealed`：谁、何时、为何查看。应答不缓存。
         *
         *     **可调用角色：处置单位、热线坐席**
         */
        post: operations["post_reveal_caller_api_v1_hotline_tickets__case_id__caller_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets/{case_id}/contact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 登记联系诉求人（响应时间，计入响应率）
         * @description 热线坐席或当前承办单位登记首次联系诉求人的时间；按紧急程度的反馈时限判定是否及时。
         *
         *     **可调用角色：处置单位、热线坐席**
         */
        post: operations["post_contact_api_v1_hotline_tickets__case_id__contact_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets/{case_id}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 登记办理结果：解决 / 未解决（计入解决率）
         * @description 当前承办单位在处置中至回访前登记，可更正；每次登记写入全过程记录。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["post_resolution_api_v1_hotline_tickets__case_id__resolution_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/tickets/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 查询工单（含按来电号码查重复来电，仅热线坐席）
         * @description 号码经盲索引（HMAC）匹配，从不按明文比对；结果中的诉求人仍为掩码。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        post: operations["search_tickets_api_v1_hotline_tickets_search_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hotline/urgencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 紧急程度与反馈时限
         * @description 启用的紧急程度及其反馈时限（登记工单时选择）。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_urgencies_api_v1_hotline_urgencies_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspector/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 增量同步：本人可见的案卷
         * @description 按（更新时间, ID）排序的游标分页。首次同步不带参数（或带 `updated_since`），之后每次带上上次返回的 `next_cursor`，只取此后变化的案卷；`has_more=true` 时继续翻页。
         *
         *     **可调用角色：监督员**
         */
        get: operations["get_cases_api_v1_inspector_cases_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspector/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 一次上报（含照片）
         * @description multipart/form-data：`category`（如 event:09006）、`lon`、`lat`、`crs`（默认 wgs84，与其他渠道相同：手机 GPS 和浏览器定位给出的就是 WGS-84；用高德/腾讯地图 SDK 取点时传 gcj02，百度传 bd09）、`description`、`address_text`（可选）、`photos`（1–9 张照片文件）或 `photo_ids`（先上传得到的照片 ID，逗号分隔）。`accuracy_m`（定位精度，米）与 `located_by`（gps | map）记入上报记录。`self_handled=true` 表示现场自处理（轻微问题），需同时提交 `after_photos`（处置后照片），案卷直接结案并留痕。必须带 `Idempotency-Key`。返回案卷编号、定位网格、派遣建议单位、当前阶段时限与疑似重复案卷；不在本人责任网格内的上报照常受理并标记 `outside_patrol_area`。
         *
         *     **可调用角色：监督员**
         */
        post: operations["post_report_api_v1_inspector_reports_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspector/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 任务收件箱：核实与核查任务
         * @description 本人持有的核实（待核实）与核查（待核查）任务，以及辖区内尚未指派的任务（任务池，先提交者接手）；每项含时限、红黄绿灯、原始照片与处置后照片 ID。
         *
         *     **可调用角色：监督员**
         */
        get: operations["get_tasks_api_v1_inspector_tasks_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspector/tasks/{case_id}/result": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 提交核实/核查结果（含照片）
         * @description multipart/form-data：`result`（核实：exists | not_exists；核查：pass | fail）、`note`、`photos`（现场照片；核查通过需照片）。必须带 `Idempotency-Key`。等同于调用对应的流转动作（verify_exists / verify_not_exists / check_pass / check_fail），同一张流转表检查。
         *
         *     **可调用角色：监督员**
         */
        post: operations["post_task_result_api_v1_inspector_tasks__case_id__result_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/intake/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 机器上报（视频智能抓拍、物联网传感器）
         * @description 请求头 `X-API-Key`：范围为 intake 的 API 密钥（缺少或无效 403，超过该密钥每分钟上限 429）。来源只能是 video（视频智能抓拍）或 iot（物联网传感器，如智能井盖）。定位、派遣建议、编号、计时与人工上报相同；带 `Idempotency-Key` 的重试返回首次结果。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["post_machine_report_api_v1_intake_reports_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/intake/reports:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 机器批量上报（视频智能抓拍的突发）
         * @description 请求头 `X-API-Key`：范围为 intake 的 API 密钥；每条上报计入该密钥每分钟上限（一批 N 条计 N 次）。每条带自己的幂等键 `idempotency_key`，各自返回结果（与请求顺序相同）：`created`（新建，附案卷 ID、编号与疑似重复的开放案卷）、`duplicate`（同一幂等键已建过，`duplicate_of` 为首次建的案卷）、`refused`（该条被拒绝，附错误代码与中文原因，例如类别不存在、超出服务范围）。被拒绝的一条在写入任何东西之前就被拒绝，不影响其他条；同一批内的上报也互相比对疑似重复，结果与逐条上报相同；整批在一个事务中提交：中途出现意外故障（数据库断开、进程被终止）时整批不生效、没有应答，可用相同的幂等键原样重试，因此已应答为 created 的正是已建立的案卷。定位、派遣建议、编号（连续不跳号）、计时与逐条上报相同。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["post_report_batch_api_v1_intake_reports_batch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/layers/{layer}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 图层 GeoJSON（RFC 7946）
         * @description 返回图层要素集合（WGS-84 经纬度），按 bbox（最小经度,最小纬度,最大经度,最大纬度）和区县过滤，按主键排序分页；`truncated` 为 true 时表示还有更多要素。单元网格只含现行一代。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_layer_api_v1_layers__layer__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/live/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 实时推送：案卷事件流（Server-Sent Events）
         * @description `text/event-stream`：本人可见范围内案卷的每一条流转记录（上报、立案、派遣、签收、处置、核查、结案、预警、超期督办……），按提交顺序推送，只含编号与状态、不含说明文字和个人信息。每条事件的 `id` 是流位置；断线重连时带 `Last-Event-ID`（浏览器 EventSource 自动带）即可补齐错过的事件，不重不漏。没有 `Last-Event-ID` 时从当前开始（`from=start` 从头开始）。每 15 秒发送一次注释心跳；访问令牌到期时服务器结束连接，客户端换新令牌后重连。`until_idle=true` 在补齐积压后即结束（轮询模式）。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["events_api_v1_live_events_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/locate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 定位：点位 → 单元网格、社区、街道、区县
         * @description 按坐标找到所在的 15 位单元网格（ST_Covers，边界上的点按网格代码确定归属）、社区、街道、区县、管理等级、门前三包责任人和最近的标准地址。点位不在任何网格内时返回 422 `outside_service_area`，并给出最近的网格和距离。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_locate_api_v1_locate_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 一张图：在办案卷点位（GeoJSON，含红黄绿灯）
         * @description 返回调用者权限范围内的在办案卷（未结案、未作废、未合并、未不予受理）的 WGS-84 点位，属性含案卷编号、状态、来源、类别、承办单位与红黄绿灯（与工作队列同一亮灯规则）。可按类别（如 event:09006，可重复）、状态、来源、承办单位 ID、灯色筛选；按案卷新旧倒序，最多 `XIUHUA_MAP_CASE_LIMIT` 个点（超出时 `truncated` 为 true）。取值不合法 422 `invalid_filter`。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_map_cases_api_v1_map_cases_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/map/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 一张图设置（底图瓦片地址，未设置为 null；状态、来源的中文名）
         * @description 一张图所需的设置：底图瓦片地址，以及状态、来源的中文名。
         *
         *     **可调用角色：监督员、受理员、值班长、派遣员、处置单位、热线坐席、领导、管理员**
         */
        get: operations["get_map_settings_api_v1_map_settings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reverse-geocode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 逆地理编码：点位 → 附近的标准地址
         * @description 逆地理编码：点位附近的标准地址，按距离由近到远。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_reverse_geocode_api_v1_reverse_geocode_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/route": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 派遣建议：类别 + 点位 → 责任单位及其依据
         * @description 部件类别先吸附到容差（默认 15 米）内最近的同类部件，由其养护/权属单位处置；否则按责任规则：类别越具体、区域越小者优先，再按优先级、规则编号；无匹配时由区县兜底单位处置。类别写作 `event:09006`、`component:01003` 或 5 位代码（先部件后事件）。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_route_api_v1_route_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/assessments/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 月度考评排名（一月一考评）
         * @description 各区县内按综合得分排名，附上月名次与得分变化。已发布的月份显示发布时冻结的得分与名次；之后的事件使重算结果不同时，在 corrected_score / corrected_rank 列出（更正），不覆盖已发布的结果。未发布的月份为实时计算。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_assessment_api_v1_stats_assessments__month__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/assessments/{month}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 发布月度考评（一月一通报，发布后冻结）
         * @description 保存该月各区县的排名与得分；发布后不再随后续事件变化。已发布 409 `assessment_published`；月份未结束 422 `month_not_ended`。限领导、管理员。
         *
         *     **可调用角色：领导、管理员**
         */
        post: operations["publish_assessment_api_v1_stats_assessments__month__publish_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/hotline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 12345 接诉即办三率（按责任单位）
         * @description 响应率（按时联系来电人）、解决率、满意率 =（满意 + 0.9 × 基本满意）÷ 有效回访数，及三率综合得分（默认 10% / 50% / 40%，系数与权重为评价参数）。响应、解决数据来自热线工单；没有数据时为 null，不按 0 或 100% 计。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_hotline_api_v1_stats_hotline_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/hotspots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 高发网格（案件最多的单元网格）
         * @description 统计期内各单元网格的案件数（可按类别过滤），按案件数从多到少，附最多的类别。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_hotspots_api_v1_stats_hotspots_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/hotspots.geojson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 案件热力图层 GeoJSON（网格中心点或网格面 + 案件数）
         * @description 热力图层（GeoJSON）：各单元网格的案卷数与热度。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_heat_geojson_api_v1_stats_hotspots_geojson_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/hotspots/repeats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 重复发生点位（同一网格同一类别反复发生）
         * @description 统计期内同一单元网格、同一类别的案件数不少于 min_cases（默认取评价参数 repeat）的点位。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_repeats_api_v1_stats_hotspots_repeats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 综合评价指标表（按统计范围与统计期）
         * @description 按上报日期选取统计期内的案卷，统计上报、立案、不予受理、作废、派遣、回退、处置（按期/超期）、超期在办、返工、延期、挂账、督办、结案等数量，以及结案率、按期处置率、返工率、按期结案率、满意率，人员范围另有有效上报率、漏报率、按时核实率、按时核查率、按时受理率、按时派遣率、准确派遣率、按时立案率、准确立案率、按时结案率，并按评价参数计算综合得分与等次。
         *
         *     **按期率两种口径并列**：“含超期在办”把已超期仍未办结的案卷计为超期（诚实口径）；“仅已处置/仅已结案”只看已办结的案卷。分母为 0 的比率为 null（无数据）。
         *
         *     统计范围 scope：district 区县、street 街道、community 社区、cell 单元网格、unit 责任单位、category 类别、source 来源、inspector 监督员、operator 受理员、dispatcher 派遣员、shift_leader 值班长。未知范围 422 `unknown_scope`；统计期不合法 422 `invalid_period`，过长 422 `period_too_long`。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_indicators_api_v1_stats_indicators_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 评价参数（权重、等次、阈值、查询上限）
         * @description 全部评价参数及其中文名与取值。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_stats_settings_api_v1_stats_settings_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/settings/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * 修改评价参数（限管理员）
         * @description 权重为 {指标: 权重}，权重之和应为 1；等次为 [{min, label}]，分数下限从高到低。不合法 422 `invalid_setting`；未知参数 404。
         *
         *     **可调用角色：管理员**
         */
        put: operations["put_stats_setting_api_v1_stats_settings__key__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/tiles/hotspot/{z}/{x}/{y}.mvt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 案件热力矢量切片（Mapbox Vector Tile，图层 hotspot）
         * @description 每个有案件的单元网格一个要素（z<14 为中心点，之后为网格面），属性 code 与 cases。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_heat_tile_api_v1_stats_tiles_hotspot__z___x___y__mvt_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tiles/grid/{z}/{x}/{y}.mvt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 网格矢量切片（Mapbox Vector Tile）
         * @description Web 墨卡托 XYZ 切片，图层 district、street（z≥9）、community（z≥11）、cell（z≥XIUHUA_MVT_CELL_MIN_ZOOM，默认 12），属性为代码、名称与管理等级。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_grid_tile_api_v1_tiles_grid__z___x___y__mvt_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 查找责任单位（指挥中心派遣、改派时选择单位）
         * @description 按名称或代码的一部分查找启用的责任单位（代码完全相同的在前，其次名称以查询文字开头的）；只列本人辖区内的单位（市级人员不限）。受理员、值班长、派遣员、领导与管理员可用（只读）。
         *
         *     **可调用角色：受理员、值班长、派遣员、领导、管理员**
         */
        get: operations["get_units_api_v1_units_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/{unit_id}/sub-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 本单位的下级单位（二级派遣的目标）
         * @description 只能查看本单位；其他单位返回 404。`open_cases` 为本单位下派给该下级单位、尚未办结的案卷数。
         *
         *     **可调用角色：处置单位**
         */
        get: operations["get_sub_units_api_v1_units__unit_id__sub_units_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 单位工作队列：本单位承办的案卷，按紧急程度排序
         * @description 红灯先于黄灯先于绿灯，其次 紧急 > 严重 > 一般 > 轻微，再按处置时限先到期者优先。游标分页（`next_cursor`），`updated_since` 增量刷新（同时返回已移出队列的案卷 ID）。每条带可执行动作 `allowed_actions` 及其接口。
         *
         *     **可调用角色：处置单位**
         */
        get: operations["get_unit_queue_api_v1_units_queue_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/queue/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 单位队列角标：承办、待签收、红灯、黄灯、待审批、已下派、下级申请回退
         * @description 本单位队列的角标（承办、待签收、红灯、黄灯、待审批、已下派、下级申请回退），一次查询。
         *
         *     **可调用角色：处置单位**
         */
        get: operations["get_unit_counts_api_v1_units_queue_counts_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/queue/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 单位曾承办的案卷：已办结、已回退或已退回上级
         * @description 最新案卷在前；`held_from`/`held_until` 为本单位持有的时间，灯色为本单位计时停止时的灯色。
         *
         *     **可调用角色：处置单位**
         */
        get: operations["get_unit_history_api_v1_units_queue_history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/units/queue/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 批量签收
         * @description 与 `POST /api/v1/cases/{id}/actions/sign` 相同的流转（同一张流转表、同一套计时与事件规则），成批加锁、成批写入：某一件失败（不存在/不在本单位范围 404、已签收 409、非承办单位 403）在写入前即被拒绝，不留下任何记录，也不影响其他件。按提交顺序返回每件的结果。
         *
         *     **可调用角色：处置单位**
         */
        post: operations["post_bulk_sign_api_v1_units_queue_sign_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 进程存活检查
         * @description 存活检查：进程在运行即返回 200。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/discovery.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 服务发现（discovery）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_discovery_open311_v2_discovery__fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 查询诉求
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 参数：`service_request_id`（逗号分隔，优先于其他条件）、`service_code`（逗号分隔）、`start_date`/`end_date`（按提交时间，范围 ≤ 90 天，默认最近 90 天）、`status`（open,closed）；扩展：`updated_after`/`updated_before`、`bbox`（最小经度,最小纬度,最大经度,最大纬度）、`lat`+`long`+`radius`（米）、`page`、`page_size`（默认 1000）、`extensions=true`（附 `notes` 处理记录）。最新在前；不带 `page` 即第 1 页。分页信号在响应头：`X-Total-Count`（总数）、`X-Page`、`X-Page-Size`、`Link`（rel=first/prev/next/last）。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_requests_open311_v2_requests__fmt__get"];
        put?: never;
        /**
         * 提交诉求（需 api_key）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 表单（application/x-www-form-urlencoded，或 multipart/form-data 附 `media` 照片）：`api_key`、`service_code`；位置 `lat`+`long`（WGS-84）或 `address_string`（按标准地址库匹配）或 `address_id`（标准地址编码；`#NOTPINPOINTED#` 表示经纬度不是精确点位）；`attribute[CODE]`；可选 `email`、`phone`（加密存储，不在查询中返回）、`device_id`/`deviceid`、`account_id`、`first_name`、`last_name`、`description`（纯文本，按原样保存，≤ XIUHUA_OPEN311_DESCRIPTION_MAX 字）、`media_url`。UTF-8 编码，无效字节为 400。`address_id=#NOTPINPOINTED#` 而无 lat/long 与 address_string 时为 400（缺少位置）。生成来源为 open311 的案卷（定位、派遣建议、编号、开始计时）。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["post_request_open311_v2_requests__fmt__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/requests/{request_id}.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 单个诉求
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 `extensions=true` 附 `notes`。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_request_open311_v2_requests__request_id___fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/servicerequestupdates.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 诉求进展（mySociety 扩展，需 api_key）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 参数 `api_key`（本系统要求密钥：历史含各案卷的处置单位与说明，按密钥限流）、`start_date`、`end_date`（≤ 90 天，默认最近 90 天）、`page`、`page_size`。旧的在前；不带 `page` 时返回最新的一页，更早的见 `Link` 的 rel=prev/first；响应头另有 `X-Total-Count`、`X-Page`、`X-Page-Size`。`status` 为该条之后案卷的扩展状态（OPEN、IN_PROGRESS、FIXED……），`external_status_code` 为本系统状态。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_updates_open311_v2_servicerequestupdates__fmt__get"];
        put?: never;
        /**
         * 提交市民的补充进展（mySociety 扩展，需 api_key）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 必填 `api_key`、`service_request_id`、`update_id`、`status`、`updated_datetime`、`description`。`status` 为 FixMyStreet 发送的任一状态（OPEN、CLOSED、FIXED、REOPEN、CANCELLED、FOR_TRIAGE 及其余扩展状态）：记入案卷的全过程记录（哈希链）；FIXED/CLOSED 且案卷待结案时由系统结案。同一密钥、同一 `update_id`、内容相同的重试返回首次的 update_id；内容不同则 400。
         *
         *     **公开接口（无需登录）**
         */
        post: operations["post_update_open311_v2_servicerequestupdates__fmt__post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 服务类型列表（公众可上报的类别，group = 大类）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。 参数 `jurisdiction_id` 可选（忽略）。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_services_open311_v2_services__fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/services/{service_code}.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 服务定义（属性：问题情形、部件编号）
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_service_definition_open311_v2_services__service_code___fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open311/v2/tokens/{token}.{fmt}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 由 token 查诉求编号
         * @description 路径后缀 `.xml`（FixMyStreet 只用它）或 `.json`；其他后缀 404。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["get_token_open311_v2_tokens__token___fmt__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * 就绪检查：数据库与 PostGIS 可用；受理配置不全时给出警告
         * @description 数据库或 PostGIS 不可用时 503（`database_unavailable`，带 `Retry-After`），在 `readyz_timeout_s` 内必答。数据库可用时 200：`status` 为 `ok`，或在受理配置不全时为 `degraded`，`warnings` 逐条列出缺什么、影响什么、怎么补（如类别没有立结案标准：这些类别暂不能受理，Open311 服务列表也不列出）。服务仍然可用，所以不是 503；监控应对 `warnings` 非空报警。
         *
         *     **公开接口（无需登录）**
         */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * AccountEventRead
         * @description 账号与管理事件（登录锁定、解锁、刷新令牌重复使用、载入工作日历）.
         */
        AccountEventRead: {
            /**
             * Actor Id
             * @description 操作人（如解锁的管理员）ID
             */
            actor_id: number | null;
            /**
             * At
             * Format: date-time
             * @description 发生时间
             */
            at: string;
            /**
             * Detail
             * @description 事件详情
             */
            detail: {
                [key: string]: unknown;
            };
            /** Id */
            id: number;
            /**
             * Ip
             * @description 客户端地址
             */
            ip: string | null;
            /**
             * Kind
             * @description 事件类型代码
             */
            kind: string;
            /**
             * User Id
             * @description 涉及的用户 ID
             */
            user_id: number | null;
            /**
             * Username
             * @description 涉及的用户名
             */
            username: string | null;
        };
        /**
         * ActionField
         * @description 动作表单的一个字段.
         */
        ActionField: {
            /**
             * Kind
             * @description reason 理由（必填说明）| note 说明 | hours 时长 | unit 承办单位 | sub_unit 下级单位 | photos 照片 | master_case 主案卷 | satisfaction 回访结果
             */
            kind: string;
            /**
             * Label
             * @description 中文标签
             */
            label: string;
            /**
             * Name
             * @description 请求体字段名：note、hours、unit_id、photos、master_case_id、satisfaction
             */
            name: string;
            /**
             * Options
             * @description 可选值（回访结果）
             */
            options: components["schemas"]["FieldOption"][] | null;
            /**
             * Photo Kind
             * @description 上传照片时使用的照片类型
             */
            photo_kind: string | null;
            /** Required */
            required: boolean;
        };
        /**
         * ActionForm
         * @description 一个可执行动作：中文名称与需要填写的字段.
         */
        ActionForm: {
            /** Action */
            action: string;
            /** Fields */
            fields: components["schemas"]["ActionField"][];
            /** Label */
            label: string;
        };
        /**
         * ActionHint
         * @description 如何调用一个动作.
         */
        ActionHint: {
            /**
             * Body
             * @description 请求体中该动作需要的字段
             */
            body: string[];
            /** Href */
            href: string;
            /** Label */
            label: string;
            /** Method */
            method: string;
        };
        /**
         * AddressMatchRead
         * @description 地址匹配结果：标准地址候选与自动采用的候选.
         */
        AddressMatchRead: {
            /**
             * Auto Pick
             * @description 自动采用的标准地址 ID；没有则为空
             */
            auto_pick: number | null;
            /**
             * Auto Pick Margin
             * @description 自动采用所需的领先第二名的分差
             */
            auto_pick_margin: number;
            /**
             * Auto Pick Threshold
             * @description 自动采用所需的最低得分
             */
            auto_pick_threshold: number;
            /**
             * Candidates
             * @description 候选，得分高的在前
             */
            candidates: components["schemas"]["GeocodeCandidateOut"][];
            /**
             * District Code
             * @description 匹配所限的区县
             */
            district_code: string | null;
            /**
             * Matched Text
             * @description 参与匹配的规范化文本
             */
            matched_text: string;
            /**
             * Query
             * @description 坐席输入的地址文本
             */
            query: string;
        };
        /**
         * ApiKeyCreate
         * @description 新建 API 密钥（明文只在创建时返回一次）.
         */
        ApiKeyCreate: {
            /** Name */
            name: string;
            /**
             * Rate Per Min
             * @description 每分钟请求上限
             */
            rate_per_min?: number | null;
            /**
             * Scopes
             * @description 范围：open311（Open311 GeoReport v2 前端（提交诉求、发布进展））、intake（视频/物联网等机器来源上报案卷）
             */
            scopes?: string[];
        };
        /**
         * ApiKeyCreated
         * @description 新建的 API 密钥：`key` 是唯一一次显示的密钥原文.
         */
        ApiKeyCreated: {
            /**
             * Created At
             * Format: date-time
             * @description 创建时间
             */
            created_at: string;
            /** Id */
            id: number;
            /**
             * Key
             * @description 密钥原文（只显示这一次，请立即保存）
             */
            key: string;
            /**
             * Last Used At
             * @description 最近使用时间
             */
            last_used_at: string | null;
            /**
             * Name
             * @description 名称
             */
            name: string;
            /**
             * Prefix
             * @description 密钥前缀（用于识别）
             */
            prefix: string;
            /**
             * Rate Per Min
             * @description 每分钟请求上限
             */
            rate_per_min: number;
            /**
             * Revoked At
             * @description 吊销时间；未吊销为空
             */
            revoked_at: string | null;
            /**
             * Scopes
             * @description 范围
             */
            scopes: string[];
        };
        /**
         * ApiKeyRead
         * @description API 密钥（不含密钥原文）.
         */
        ApiKeyRead: {
            /**
             * Created At
             * Format: date-time
             * @description 创建时间
             */
            created_at: string;
            /** Id */
            id: number;
            /**
             * Last Used At
             * @description 最近使用时间
             */
            last_used_at: string | null;
            /**
             * Name
             * @description 名称
             */
            name: string;
            /**
             * Prefix
             * @description 密钥前缀（用于识别）
             */
            prefix: string;
            /**
             * Rate Per Min
             * @description 每分钟请求上限
             */
            rate_per_min: number;
            /**
             * Revoked At
             * @description 吊销时间；未吊销为空
             */
            revoked_at: string | null;
            /**
             * Scopes
             * @description 范围
             */
            scopes: string[];
        };
        /**
         * ApplyIn
         * @description Apply a checked dry run: the same file and options, optionally confirmed.
         */
        ApplyIn: {
            /**
             * Confirm
             * @description 确认替换会使部分社区失去网格
             */
            confirm?: boolean | null;
        };
        /**
         * ApprovalItem
         * @description 审批台条目.
         */
        ApprovalItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            request: components["schemas"]["ApprovalRequest"];
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * ApprovalRequest
         * @description 待审批的申请.
         */
        ApprovalRequest: {
            by: components["schemas"]["Requester"];
            /** Hours */
            hours: number | null;
            /** Kind */
            kind: string | null;
            /** Kind Label */
            kind_label: string | null;
            /** Reason */
            reason: string | null;
            /** Requested At */
            requested_at: string | null;
        };
        /**
         * AttachmentRead
         * @description 一张已存储的照片.
         */
        AttachmentRead: {
            /**
             * Case Id
             * @description 所属案卷（上传后被引用前为空）
             */
            case_id: number | null;
            /**
             * Content Type
             * @description 按文件内容识别的类型，如 image/jpeg
             */
            content_type: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** @description EXIF GPS 位置（如有） */
            exif_point: components["schemas"]["ExifPoint"] | null;
            /**
             * Exif Taken At
             * @description EXIF 拍摄时间（如有）
             */
            exif_taken_at: string | null;
            /**
             * Height
             * @description 高（像素，已按 EXIF 方向旋转）
             */
            height: number;
            /**
             * Id
             * @description 照片 ID：在上报或流转动作的 photos 中引用
             */
            id: string;
            /** @description 照片类型 report | verify | before | after | check */
            kind: components["schemas"]["PhotoKind"];
            /**
             * Sha256
             * @description 原始文件的 SHA-256（十六进制）
             */
            sha256: string;
            /**
             * Size
             * @description 字节数
             */
            size: number;
            /**
             * Thumbnail Url
             * @description 缩略图地址（JPEG）
             */
            thumbnail_url: string;
            /**
             * Uploaded By
             * @description 上传者用户 ID
             */
            uploaded_by: number | null;
            /**
             * Url
             * @description 原图地址
             */
            url: string;
            /**
             * Width
             * @description 宽（像素，已按 EXIF 方向旋转）
             */
            width: number;
        };
        /**
         * BatchItemError
         * @description 一条被拒绝的原因.
         */
        BatchItemError: {
            /**
             * Code
             * @description 稳定的错误代码，如 unknown_category、outside_service_area
             */
            code: string;
            /** Detail */
            detail?: {
                [key: string]: unknown;
            } | null;
            /**
             * Message
             * @description 中文原因
             */
            message: string;
            /**
             * Status
             * @description 逐条上报时会返回的 HTTP 状态码
             */
            status: number;
        };
        /**
         * BatchItemResult
         * @description 批量上报中一条的结果.
         */
        BatchItemResult: {
            /**
             * Case No
             * @description 案卷编号（created / duplicate）
             */
            case_no?: string | null;
            /**
             * Case Status
             * @description 新建案卷的状态（created）
             */
            case_status?: string | null;
            /**
             * Duplicate Of
             * @description 首次以该幂等键建立的案卷 ID
             */
            duplicate_of?: number | null;
            error?: components["schemas"]["BatchItemError"] | null;
            /**
             * Id
             * @description 案卷 ID（created / duplicate）
             */
            id?: number | null;
            /** Idempotency Key */
            idempotency_key: string;
            /**
             * Index
             * @description 在请求中的序号（从 0 开始）
             */
            index: number;
            /**
             * Possible Duplicates
             * @description 疑似重复的开放案卷 ID（created）
             */
            possible_duplicates?: number[];
            /**
             * Status
             * @description created（新建）| duplicate（幂等键已用过）| refused（被拒绝）
             */
            status: string;
        };
        /**
         * BatchReport
         * @description 批量上报中的一条：上报内容加本条的幂等键.
         */
        BatchReport: {
            /**
             * Address Text
             * @description 地址描述
             */
            address_text?: string | null;
            /**
             * Category
             * @description 类别，如 event:09006 或 component:01003
             * @example event:09006
             */
            category: string;
            /**
             * Condition
             * @description 立案条件序号（默认第 1 条）
             */
            condition?: number | null;
            /**
             * Crs
             * @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法
             * @default wgs84
             * @enum {string}
             */
            crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
            /**
             * Description
             * @description 问题描述
             */
            description: string;
            /**
             * Idempotency Key
             * @description 本条的幂等键：重试时同一键同一内容只建一件
             */
            idempotency_key: string;
            /**
             * Lat
             * @description 纬度（度，按 crs）
             */
            lat: number;
            /**
             * Lon
             * @description 经度（度，按 crs）
             */
            lon: number;
            /**
             * Photos
             * @description 不支持
             */
            photos?: string[];
            /**
             * @description 案件来源：video | iot
             * @default video
             */
            source?: components["schemas"]["Source"];
        };
        /**
         * BatchReportResult
         * @description 批量上报的结果：逐条结果（与请求顺序相同）及各类数量.
         */
        BatchReportResult: {
            /** Created */
            created: number;
            /** Duplicates */
            duplicates: number;
            /** Refused */
            refused: number;
            /** Results */
            results: components["schemas"]["BatchItemResult"][];
        };
        /**
         * BoardDispatch
         * @description 一键派遣：默认派给建议单位.
         */
        BoardDispatch: {
            /**
             * Note
             * @description 派遣说明
             */
            note?: string | null;
            /**
             * Unit Id
             * @description 目标单位（默认：建议单位）
             */
            unit_id?: number | null;
        };
        /** Body_login_api_v1_auth_token_post */
        Body_login_api_v1_auth_token_post: {
            /** Client Id */
            client_id?: string | null;
            /**
             * Client Secret
             * Format: password
             */
            client_secret?: string | null;
            /** Grant Type */
            grant_type?: string | null;
            /**
             * Password
             * Format: password
             */
            password: string;
            /**
             * Scope
             * @default
             */
            scope?: string;
            /** Username */
            username: string;
        };
        /** Body_post_attachment_api_v1_attachments_post */
        Body_post_attachment_api_v1_attachments_post: {
            /**
             * File
             * @description 照片文件
             */
            file: string;
            /** @description 照片类型 */
            kind: components["schemas"]["PhotoKind"];
        };
        /** Body_post_import_api_v1_admin_grid_imports_post */
        Body_post_import_api_v1_admin_grid_imports_post: {
            /**
             * Allow Topology Errors
             * @description 有重叠/超出社区仍导入
             * @default false
             */
            allow_topology_errors?: boolean;
            /**
             * Confirm
             * @description 确认替换会使部分社区失去网格
             * @default false
             */
            confirm?: boolean;
            /**
             * Coord Sys
             * @description wgs84、cgcs2000、gcj02、bd09
             */
            coord_sys?: string | null;
            /**
             * District
             * @description unit-rule 的默认区县代码
             */
            district?: string | null;
            /**
             * Dry Run
             * @description 试导入：只检查，不写入
             * @default true
             */
            dry_run?: boolean;
            /**
             * Encoding
             * @description 文件编码，如 GBK
             */
            encoding?: string | null;
            /**
             * Field
             * @description 字段对应 目标=文件字段（可重复）
             */
            field?: string[] | null;
            /**
             * File
             * @description 数据文件
             */
            file: string;
            /** @description 目标图层 */
            layer: components["schemas"]["Layer"];
            /**
             * Repair
             * @description 自动修复无效几何
             * @default false
             */
            repair?: boolean;
            /**
             * @description 网格替换范围
             * @default communities
             */
            replace?: components["schemas"]["Replace"];
            /**
             * Source Layer
             * @description 文件中的图层名
             */
            source_layer?: string | null;
            /**
             * Tolerance M2
             * @description 拓扑容差（平方米）
             */
            tolerance_m2?: number | null;
            /**
             * Valid From
             * @description 生效时间（ISO；不带时区按部署时区，默认北京时间）
             */
            valid_from?: string | null;
        };
        /** Body_post_report_api_v1_inspector_reports_post */
        Body_post_report_api_v1_inspector_reports_post: {
            /**
             * Accuracy M
             * @description 定位精度（米，手机 GPS 给出）
             */
            accuracy_m?: number | null;
            /** Address Text */
            address_text?: string | null;
            /**
             * After Photos
             * @description 自处理后照片
             */
            after_photos?: string[] | null;
            /**
             * Category
             * @description 类别，如 event:09006 或 component:01003
             */
            category: string;
            /**
             * Crs
             * @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法
             * @default wgs84
             */
            crs?: string;
            /**
             * Description
             * @description 问题描述
             */
            description: string;
            /**
             * Lat
             * @description 纬度
             */
            lat: number;
            /**
             * Located By
             * @description 点位来源：gps = 手机定位，map = 在地图上拖动标注
             */
            located_by?: ("gps" | "map") | null;
            /**
             * Lon
             * @description 经度
             */
            lon: number;
            /**
             * Note
             * @description 自处理说明
             */
            note?: string | null;
            /**
             * Photo Ids
             * @description 已上传照片 ID，逗号分隔
             */
            photo_ids?: string | null;
            /**
             * Photos
             * @description 现场照片 1–9 张
             */
            photos?: string[] | null;
            /**
             * Self Handled
             * @description 现场自处理
             * @default false
             */
            self_handled?: boolean;
        };
        /** Body_post_task_result_api_v1_inspector_tasks__case_id__result_post */
        Body_post_task_result_api_v1_inspector_tasks__case_id__result_post: {
            /** Note */
            note?: string | null;
            /**
             * Photos
             * @description 现场照片
             */
            photos?: string[] | null;
            /**
             * Result
             * @description exists | not_exists | pass | fail
             */
            result: string;
        };
        /**
         * BulkDispatch
         * @description 批量派遣（派遣台）：默认各派给其建议单位.
         */
        BulkDispatch: {
            /**
             * Case Ids
             * @description 案卷 ID（最多 XIUHUA_DISPATCH_BULK_MAX 件，默认 1000）
             */
            case_ids: number[];
            /**
             * Note
             * @description 派遣说明
             */
            note?: string | null;
            /**
             * Unit Id
             * @description 全部派给该单位（默认：各案卷的建议单位）
             */
            unit_id?: number | null;
        };
        /**
         * BulkDispatchRead
         * @description 批量派遣结果.
         */
        BulkDispatchRead: {
            /** Failed */
            failed: number;
            /** Ok */
            ok: number;
            /** Results */
            results: components["schemas"]["BulkDispatchResult"][];
        };
        /**
         * BulkDispatchResult
         * @description 批量派遣中一件的结果.
         */
        BulkDispatchResult: {
            /** Assigned Unit Id */
            assigned_unit_id?: number | null;
            /** Case Id */
            case_id: number;
            /** Case No */
            case_no?: string | null;
            /** Dispatched At */
            dispatched_at?: string | null;
            error?: components["schemas"]["BulkError"] | null;
            /** Ok */
            ok: boolean;
            /** Status */
            status?: string | null;
        };
        /**
         * BulkError
         * @description 一件失败的原因.
         */
        BulkError: {
            /** Code */
            code: string;
            /** Detail */
            detail: {
                [key: string]: unknown;
            } | null;
            /** Error */
            error: string;
            /** Message */
            message: string;
            /** Status */
            status: number;
        };
        /**
         * BulkResult
         * @description 一件的结果.
         */
        BulkResult: {
            /** Case Id */
            case_id: number;
            /** Case No */
            case_no?: string | null;
            error?: components["schemas"]["BulkError"] | null;
            /** Ok */
            ok: boolean;
            /** Signed */
            signed?: boolean | null;
            /** Signed At */
            signed_at?: string | null;
            /** Status */
            status?: string | null;
        };
        /**
         * BulkSign
         * @description 批量签收.
         */
        BulkSign: {
            /**
             * Case Ids
             * @description 案卷 ID（最多 XIUHUA_QUEUE_BULK_MAX 件，默认 50）
             */
            case_ids: number[];
        };
        /**
         * BulkSignRead
         * @description 批量签收结果.
         */
        BulkSignRead: {
            /** Failed */
            failed: number;
            /** Ok */
            ok: number;
            /** Results */
            results: components["schemas"]["BulkResult"][];
        };
        /**
         * CalendarSummary
         * @description 工作日历概况：已知年份、最后已知年份、按临时日历计时的在办案卷数.
         */
        CalendarSummary: {
            /**
             * Kind Labels
             * @description 日期类型 → 中文名称
             */
            kind_labels: {
                [key: string]: string;
            };
            /** Known Years */
            known_years: components["schemas"]["KnownYearRead"][];
            /**
             * Last Known Year
             * @description 最后一个已载入放假安排的年份
             */
            last_known_year: number | null;
            /**
             * Provisional Cases
             * @description 时限跨入未载入年份（临时计时）的在办案卷数
             */
            provisional_cases: number;
        };
        /**
         * CallerContact
         * @description 诉求人姓名与电话（明文）.
         */
        CallerContact: {
            /**
             * Name
             * @description 姓名；未留姓名时为 null
             */
            name: string | null;
            /**
             * Phone
             * @description 电话
             */
            phone: string;
        };
        /**
         * CallerRevealed
         * @description 查看诉求人联系方式的结果（已写入全过程记录）.
         */
        CallerRevealed: {
            caller: components["schemas"]["CallerContact"];
            /**
             * Case Id
             * @description 案卷 ID
             */
            case_id: number;
        };
        /**
         * CaseAction
         * @description 一个流转动作的内容；需要哪些字段由流转表决定.
         */
        CaseAction: {
            /**
             * Hours
             * @description 延期时长（小时）
             */
            hours?: number | string | null;
            /**
             * Inspector Id
             * @description 核实/核查任务交给哪位监督员（默认：上报的监督员，否则该网格/社区的责任监督员）
             */
            inspector_id?: number | null;
            /**
             * Master Case Id
             * @description 合并到的主案卷 ID
             */
            master_case_id?: number | null;
            /**
             * Note
             * @description 理由/说明
             */
            note?: string | null;
            /**
             * Photos
             * @description 照片 ID
             */
            photos?: string[];
            /**
             * Satisfaction
             * @description 回访结果 satisfied | basically_satisfied | dissatisfied
             */
            satisfaction?: string | null;
            /**
             * Unit Id
             * @description 派遣/二级派遣的目标单位（派遣默认为建议单位）
             */
            unit_id?: number | null;
        };
        /**
         * CaseCounters
         * @description 案卷计数.
         */
        CaseCounters: {
            /** Dispatches */
            dispatches: number;
            /** Extension Hours */
            extension_hours: number;
            /** Extensions */
            extensions: number;
            /** Redispatches */
            redispatches: number;
            /** Repeat Requests */
            repeat_requests: number;
            /** Returns */
            returns: number;
            /** Reworks */
            reworks: number;
            /** Suspended Seconds */
            suspended_seconds: number;
            /** Suspensions */
            suspensions: number;
        };
        /**
         * CasePoint
         * @description 案卷位置：WGS-84 真实位置与上报时的原始坐标.
         */
        CasePoint: {
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
            /** Raw Crs */
            raw_crs: string | null;
            /** Raw Lat */
            raw_lat: number | null;
            /** Raw Lon */
            raw_lon: number | null;
        };
        /**
         * CaseRead
         * @description 案卷详情：字段、位置、各阶段计时与红黄绿灯、照片、计数、调用者可执行的动作.
         */
        CaseRead: {
            /**
             * Action Forms
             * @description 可执行动作的中文名称与表单字段（与 allowed_actions 同序）
             */
            action_forms: components["schemas"]["ActionForm"][];
            /** Address Text */
            address_text: string | null;
            /**
             * Allowed Actions
             * @description 调用者此刻可执行的动作
             */
            allowed_actions: string[];
            /**
             * Assigned Unit Id
             * @description 承办单位
             */
            assigned_unit_id: number | null;
            /**
             * Assigned Unit Name
             * @description 承办单位名称
             */
            assigned_unit_name: string | null;
            /** Calendar Provisional */
            calendar_provisional: boolean;
            /**
             * Case No
             * @description 案卷编号（区县-年度-序号）
             */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            /** Community Code */
            community_code: string | null;
            /** Component Id */
            component_id: string | null;
            counters: components["schemas"]["CaseCounters"];
            /** Description */
            description: string;
            /**
             * Dispatching Unit Id
             * @description 二级派遣时下派的上级单位
             */
            dispatching_unit_id: number | null;
            /**
             * Dispatching Unit Name
             * @description 二级派遣时上级单位名称
             */
            dispatching_unit_name: string | null;
            /** District Code */
            district_code: string;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /** Master Case Id */
            master_case_id: number | null;
            /** Mgmt Class */
            mgmt_class: string | null;
            /** Outside Patrol Area */
            outside_patrol_area: boolean | null;
            /**
             * Pending
             * @description 待审批的申请 return | extend | suspend | void
             */
            pending: string | null;
            /**
             * Pending Label
             * @description 待审批申请中文名
             */
            pending_label: string | null;
            /** Photos */
            photos: components["schemas"]["PhotoRef"][];
            point: components["schemas"]["CasePoint"] | null;
            /** Reporter Id */
            reporter_id: number | null;
            /**
             * Reporter Name
             * @description 上报人姓名
             */
            reporter_name: string | null;
            /**
             * Reporter Unit Name
             * @description 上报人所在单位名称
             */
            reporter_unit_name: string | null;
            /**
             * Routed By
             * @description component | rule | district_fallback
             */
            routed_by: string | null;
            /**
             * Routed By Label
             * @description 建议单位的依据
             */
            routed_by_label: string | null;
            /** Routed Rule Id */
            routed_rule_id: number | null;
            /**
             * Routed Unit Id
             * @description 建议单位
             */
            routed_unit_id: number | null;
            /**
             * Routed Unit Name
             * @description 建议单位名称
             */
            routed_unit_name: string | null;
            /** Satisfaction */
            satisfaction: string | null;
            /**
             * Satisfaction Label
             * @description 回访结果中文名
             */
            satisfaction_label: string | null;
            /** Severity */
            severity: string | null;
            /**
             * Severity Label
             * @description 紧急程度中文名
             */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /**
             * Source Label
             * @description 来源中文名
             */
            source_label: string;
            /** Stages */
            stages: components["schemas"]["StageClock"][];
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Street Code */
            street_code: string | null;
            /** Task Inspector Id */
            task_inspector_id: number | null;
            timestamps: components["schemas"]["CaseTimestamps"];
            /** Version */
            version: number;
        };
        /**
         * CaseReport
         * @description 上报一个问题.
         */
        CaseReport: {
            /**
             * Address Text
             * @description 地址描述
             */
            address_text?: string | null;
            /**
             * Category
             * @description 类别，如 event:09006 或 component:01003
             * @example event:09006
             */
            category: string;
            /**
             * Condition
             * @description 立案条件序号（默认第 1 条）
             */
            condition?: number | null;
            /**
             * Crs
             * @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法
             * @default wgs84
             * @enum {string}
             */
            crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
            /**
             * Description
             * @description 问题描述
             */
            description: string;
            /**
             * Lat
             * @description 纬度（度，按 crs）
             */
            lat: number;
            /**
             * Lon
             * @description 经度（度，按 crs）
             */
            lon: number;
            /**
             * Photos
             * @description 照片 ID
             */
            photos?: string[];
            /**
             * @description 案件来源
             * @default inspector
             */
            source?: components["schemas"]["Source"];
        };
        /**
         * CaseReported
         * @description 上报结果：案卷及疑似重复的开放案卷.
         */
        CaseReported: {
            /**
             * Action Forms
             * @description 可执行动作的中文名称与表单字段（与 allowed_actions 同序）
             */
            action_forms: components["schemas"]["ActionForm"][];
            /** Address Text */
            address_text: string | null;
            /**
             * Allowed Actions
             * @description 调用者此刻可执行的动作
             */
            allowed_actions: string[];
            /**
             * Assigned Unit Id
             * @description 承办单位
             */
            assigned_unit_id: number | null;
            /**
             * Assigned Unit Name
             * @description 承办单位名称
             */
            assigned_unit_name: string | null;
            /** Calendar Provisional */
            calendar_provisional: boolean;
            /**
             * Case No
             * @description 案卷编号（区县-年度-序号）
             */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            /** Community Code */
            community_code: string | null;
            /** Component Id */
            component_id: string | null;
            counters: components["schemas"]["CaseCounters"];
            /** Description */
            description: string;
            /**
             * Dispatching Unit Id
             * @description 二级派遣时下派的上级单位
             */
            dispatching_unit_id: number | null;
            /**
             * Dispatching Unit Name
             * @description 二级派遣时上级单位名称
             */
            dispatching_unit_name: string | null;
            /** District Code */
            district_code: string;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /** Master Case Id */
            master_case_id: number | null;
            /** Mgmt Class */
            mgmt_class: string | null;
            /** Outside Patrol Area */
            outside_patrol_area: boolean | null;
            /**
             * Pending
             * @description 待审批的申请 return | extend | suspend | void
             */
            pending: string | null;
            /**
             * Pending Label
             * @description 待审批申请中文名
             */
            pending_label: string | null;
            /** Photos */
            photos: components["schemas"]["PhotoRef"][];
            point: components["schemas"]["CasePoint"] | null;
            /**
             * Possible Duplicates
             * @description 同类别、半径与时间窗口内的开放案卷
             */
            possible_duplicates: components["schemas"]["DuplicateRef"][];
            /** Reporter Id */
            reporter_id: number | null;
            /**
             * Reporter Name
             * @description 上报人姓名
             */
            reporter_name: string | null;
            /**
             * Reporter Unit Name
             * @description 上报人所在单位名称
             */
            reporter_unit_name: string | null;
            /**
             * Routed By
             * @description component | rule | district_fallback
             */
            routed_by: string | null;
            /**
             * Routed By Label
             * @description 建议单位的依据
             */
            routed_by_label: string | null;
            /** Routed Rule Id */
            routed_rule_id: number | null;
            /**
             * Routed Unit Id
             * @description 建议单位
             */
            routed_unit_id: number | null;
            /**
             * Routed Unit Name
             * @description 建议单位名称
             */
            routed_unit_name: string | null;
            /** Satisfaction */
            satisfaction: string | null;
            /**
             * Satisfaction Label
             * @description 回访结果中文名
             */
            satisfaction_label: string | null;
            /** Severity */
            severity: string | null;
            /**
             * Severity Label
             * @description 紧急程度中文名
             */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /**
             * Source Label
             * @description 来源中文名
             */
            source_label: string;
            /** Stages */
            stages: components["schemas"]["StageClock"][];
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            /** Street Code */
            street_code: string | null;
            /** Task Inspector Id */
            task_inspector_id: number | null;
            timestamps: components["schemas"]["CaseTimestamps"];
            /** Version */
            version: number;
        };
        /**
         * CaseSummary
         * @description 列表中的案卷摘要：状态、类别、位置、计时与红黄绿灯、承办单位、可执行动作.
         */
        CaseSummary: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * CaseTimestamps
         * @description 案卷各环节时间.
         */
        CaseTimestamps: {
            /** Checked At */
            checked_at: string | null;
            /** Closed At */
            closed_at: string | null;
            /** Dispatched At */
            dispatched_at: string | null;
            /** Filed At */
            filed_at: string | null;
            /** Finished At */
            finished_at: string | null;
            /** Handled At */
            handled_at: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Signed At */
            signed_at: string | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Verified At */
            verified_at: string | null;
        };
        /**
         * CategoryOut
         * @description 类别.
         */
        CategoryOut: {
            /** Code */
            code: string;
            /**
             * Kind
             * @description component 部件 | event 事件
             */
            kind: string;
            /** Major Code */
            major_code: string;
            /** Name */
            name: string;
        };
        /**
         * CategoryPatch
         * @description 类别开关.
         */
        CategoryPatch: {
            /**
             * Auto Dispatch
             * @description 立案后自动派遣给建议单位
             */
            auto_dispatch?: boolean | null;
            /** Duplicate Radius M */
            duplicate_radius_m?: number | null;
            /** Duplicate Window H */
            duplicate_window_h?: number | null;
            /**
             * Enabled
             * @description 停用后不能再上报；已有案卷不受影响
             */
            enabled?: boolean | null;
            /**
             * Public Intake
             * @description 对公众开放（Open311 服务列表）
             */
            public_intake?: boolean | null;
        };
        /**
         * CategoryPick
         * @description 类别选择列表中的一个已启用类别.
         */
        CategoryPick: {
            /**
             * Code
             * @description 类别代码（5 位）
             */
            code: string;
            /**
             * Kind
             * @description component（部件）| event（事件）
             */
            kind: string;
            /**
             * Major Code
             * @description 大类代码
             */
            major_code: string;
            /**
             * Major Name
             * @description 大类名称
             */
            major_name: string;
            /**
             * Name
             * @description 类别名称
             */
            name: string;
            /**
             * Ref
             * @description 类别引用，如 event:09006（上报时使用）
             */
            ref: string;
        };
        /**
         * CategoryRead
         * @description 类别目录中的一个类别（部件或事件）.
         */
        CategoryRead: {
            /**
             * Auto Dispatch
             * @description 立案后自动派遣给建议单位
             */
            auto_dispatch: boolean;
            /**
             * Catalogue
             * @description 目录（标准版本）
             */
            catalogue: string;
            /**
             * Code
             * @description 类别代码（5 位）
             */
            code: string;
            /**
             * Duplicate Radius M
             * @description 重复案卷判定半径（米）
             */
            duplicate_radius_m: number | null;
            /**
             * Duplicate Window H
             * @description 重复案卷判定时间窗口（小时）
             */
            duplicate_window_h: number | null;
            /**
             * Enabled
             * @description 启用；停用后不能再上报
             */
            enabled: boolean;
            /** Id */
            id: number;
            /**
             * Kind
             * @description component（部件）| event（事件）
             */
            kind: string;
            /**
             * Major Code
             * @description 大类代码
             */
            major_code: string;
            /**
             * Major Name
             * @description 大类名称
             */
            major_name: string;
            /**
             * Name
             * @description 类别名称
             */
            name: string;
            /**
             * Public Intake
             * @description 对公众开放（Open311 服务列表）
             */
            public_intake: boolean;
            /**
             * Standard Ref
             * @description 所依据的标准条目
             */
            standard_ref: string | null;
        };
        /**
         * CategoryRef
         * @description 类别.
         */
        CategoryRef: {
            /**
             * Code
             * @description 5 位类别代码
             */
            code: string;
            /**
             * Kind
             * @description component 部件 | event 事件
             */
            kind: string;
            /** Name */
            name: string;
        };
        /**
         * CategorySuggestion
         * @description 按诉求内容建议的类别：得分与命中的关键词.
         */
        CategorySuggestion: {
            /**
             * Code
             * @description 类别代码
             */
            code: string;
            /**
             * Keywords
             * @description 命中的关键词
             */
            keywords: string[];
            /**
             * Kind
             * @description component（部件）| event（事件）
             */
            kind: string;
            /**
             * Major Name
             * @description 大类名称
             */
            major_name: string;
            /**
             * Name
             * @description 类别名称
             */
            name: string;
            /**
             * Ref
             * @description 类别引用，如 event:09006
             */
            ref: string;
            /**
             * Score
             * @description 得分（命中关键词的权重 × 长度）
             */
            score: number;
        };
        /**
         * CentreCounts
         * @description 指挥中心各列表角标.
         */
        CentreCounts: {
            /**
             * Approvals
             * @description 按申请类型计数，另含 total
             */
            approvals: {
                [key: string]: number;
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Dispatch Board */
            dispatch_board: number;
            /** Inbox */
            inbox: number;
            /** Supervision */
            supervision: number;
        };
        /**
         * ColumnOut
         * @description 一列：稳定的键与中文名称.
         */
        ColumnOut: {
            /**
             * Key
             * @description 列键，如 close_rate
             */
            key: string;
            /**
             * Kind
             * @description text | int | rate（0–1 小数）| score（0–100）| datetime
             */
            kind: string;
            /**
             * Label
             * @description 中文名称，如 结案率
             */
            label: string;
        };
        /**
         * ComponentOut
         * @description 吸附到的部件.
         */
        ComponentOut: {
            /** Category Code */
            category_code: string;
            /** Distance M */
            distance_m: number;
            /**
             * Id
             * @description 17 位部件标识码
             */
            id: string;
            /**
             * Maintainer Name
             * @description 养护单位
             */
            maintainer_name: string | null;
            /** Name */
            name: string | null;
            /**
             * Owner Name
             * @description 权属单位
             */
            owner_name: string | null;
            /**
             * State
             * @description intact 完好 | damaged 破损 | lost 丢失 | abandoned 废弃 | removed 移除
             */
            state: string;
        };
        /**
         * ContactBody
         * @description 登记联系诉求人（响应）.
         */
        ContactBody: {
            /**
             * Contacted At
             * @description 联系时间（默认现在；不带时区按本地时区）
             */
            contacted_at?: string | null;
            /**
             * Note
             * @description 联系情况
             */
            note?: string | null;
        };
        /**
         * DayRead
         * @description 一天：是否上班、类型与名称.
         */
        DayRead: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Is Workday */
            is_workday: boolean;
            /**
             * Kind
             * @description workday 工作日 | weekend 休息日 | holiday 节假日 | makeup_workday 调休上班
             */
            kind: string;
            /** Kind Label */
            kind_label: string;
            /**
             * Name
             * @description 节日名称、“调休”或 工作日/周末
             */
            name: string;
        };
        /**
         * DispatchBoardItem
         * @description 派遣台条目.
         */
        DispatchBoardItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Returns */
            returns: number;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /** Source Label */
            source_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            suggested: components["schemas"]["Suggestion"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * DuplicateRef
         * @description 疑似重复的开放案卷.
         */
        DuplicateRef: {
            /** Case No */
            case_no: string;
            /** Distance M */
            distance_m: number;
            /** Id */
            id: number;
            /** Reported At */
            reported_at?: string | null;
            /** Status */
            status: string;
        };
        /**
         * ErrorBody
         * @description Every error answer: a class name, a stable machine code, a Chinese message, details.
         */
        ErrorBody: {
            /**
             * Code
             * @description 稳定的机器可读错误码，如 outside_service_area
             */
            code: string;
            /**
             * Detail
             * @description 附加信息（如最近网格与距离）
             */
            detail?: unknown;
            /**
             * Error
             * @description 错误类名，如 OutsideServiceArea
             */
            error: string;
            /**
             * Message
             * @description 给人看的中文说明
             */
            message: string;
        };
        /**
         * EscalatedTo
         * @description 升级督办的对象.
         */
        EscalatedTo: {
            /** Kind */
            kind: string;
            unit: components["schemas"]["NamedRef"] | null;
        };
        /**
         * EventRead
         * @description 执法全过程记录的一条事件（带中文名称与操作人）.
         */
        EventRead: {
            /**
             * Action
             * @description 动作代码，如 check_pass、caller_contacted
             */
            action: string;
            /**
             * Action Label
             * @description 动作中文名，如 核查通过、联系诉求人
             */
            action_label: string;
            /**
             * Actor Id
             * @description 操作人用户 ID（系统自动为 null）
             */
            actor_id: number | null;
            /**
             * Actor Name
             * @description 操作人姓名
             */
            actor_name: string | null;
            /**
             * Actor Role
             * @description 操作人角色代码
             */
            actor_role: string;
            /**
             * Actor Role Label
             * @description 操作人角色中文名，如 监督员、值班长
             */
            actor_role_label: string | null;
            /**
             * Actor Unit Id
             * @description 操作人所在单位 ID
             */
            actor_unit_id: number | null;
            /**
             * Actor Unit Name
             * @description 操作人所在单位名称
             */
            actor_unit_name: string | null;
            /**
             * Created At
             * Format: date-time
             * @description 发生时间
             */
            created_at: string;
            /**
             * From Status
             * @description 动作前状态（上报为 null）
             */
            from_status: string | null;
            /**
             * From Status Label
             * @description 动作前状态中文名
             */
            from_status_label: string | null;
            /**
             * Hash
             * @description 本条事件的哈希（SHA-256，覆盖上一条哈希）
             */
            hash: string;
            /**
             * Note
             * @description 理由/说明
             */
            note: string | null;
            /**
             * Payload
             * @description 动作的附加数据（目标单位、延期时长等）
             */
            payload: {
                [key: string]: unknown;
            };
            /**
             * Photos
             * @description 照片 ID
             */
            photos: string[];
            /**
             * Prev Hash
             * @description 上一条事件的哈希（首条为 64 个 0）
             */
            prev_hash: string;
            /**
             * Seq
             * @description 案卷内序号（从 1 起）
             */
            seq: number;
            /**
             * To Status
             * @description 动作后状态
             */
            to_status: string;
            /**
             * To Status Label
             * @description 动作后状态中文名，如 待结案
             */
            to_status_label: string | null;
        };
        /**
         * ExifPoint
         * @description 照片 EXIF 中的拍摄位置（WGS-84，仅作佐证，不替代上报点位）.
         */
        ExifPoint: {
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /**
         * Feature
         * @description 要素：几何与属性.
         */
        Feature: {
            /** @description 几何；没有位置时为 null */
            geometry: components["schemas"]["Geometry"] | null;
            /**
             * Id
             * @description 要素编号（图层主键或网格代码）
             */
            id?: number | string | null;
            /**
             * Properties
             * @description 属性（随图层而定）
             */
            properties: {
                [key: string]: unknown;
            } | null;
            /**
             * Type
             * @description 固定为 Feature
             * @constant
             */
            type: "Feature";
        };
        /**
         * FeatureCollection
         * @description 要素集合（RFC 7946 FeatureCollection）.
         */
        FeatureCollection: {
            /**
             * Features
             * @description 要素
             */
            features: components["schemas"]["Feature"][];
            /**
             * Type
             * @description 固定为 FeatureCollection
             * @constant
             */
            type: "FeatureCollection";
        };
        /**
         * FeedbackLimit
         * @description 反馈时限.
         */
        FeedbackLimit: {
            /**
             * Unit
             * @description 时限单位（hours 小时 / workdays 工作日等）
             */
            unit: string;
            /**
             * Value
             * @description 时限数值
             */
            value: number;
        };
        /**
         * FieldOption
         * @description 封闭取值字段的一个选项.
         */
        FieldOption: {
            /** Label */
            label: string;
            /** Value */
            value: string;
        };
        /**
         * FrontageOut
         * @description 门前三包责任人.
         */
        FrontageOut: {
            /** Address */
            address: string | null;
            /**
             * Holder Contact
             * @description 联系人
             */
            holder_contact: string | null;
            /**
             * Holder Name
             * @description 责任单位/商户名称
             */
            holder_name: string;
            /**
             * Holder Phone
             * @description 联系电话
             */
            holder_phone: string | null;
            /** Id */
            id: number;
        };
        /**
         * GeocodeCandidateOut
         * @description 地理编码候选.
         */
        GeocodeCandidateOut: {
            /** Address Id */
            address_id: number;
            /** District Code */
            district_code: string;
            /** Full Text */
            full_text: string;
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
            /**
             * Score
             * @description 相似度 0–1
             */
            score: number;
            /** Street Code */
            street_code: string | null;
        };
        /**
         * Geometry
         * @description 几何（RFC 7946，WGS-84 经纬度）.
         */
        Geometry: {
            /**
             * Coordinates
             * @description 坐标（经度, 纬度），嵌套层数随几何类型
             */
            coordinates?: unknown;
            /**
             * Geometries
             * @description 仅 GeometryCollection：其中的几何
             */
            geometries?: components["schemas"]["Geometry"][] | null;
            /**
             * Type
             * @description 几何类型
             * @enum {string}
             */
            type: "Point" | "MultiPoint" | "LineString" | "MultiLineString" | "Polygon" | "MultiPolygon" | "GeometryCollection";
        };
        /**
         * HeatCollection
         * @description 热力图层：每个单元网格一项，属性为网格代码 code、案卷数 cases、管理类别 mgmt_class.
         */
        HeatCollection: {
            /**
             * Features
             * @description 要素
             */
            features: components["schemas"]["Feature"][];
            /** @description 统计期 */
            period: components["schemas"]["PeriodRange"];
            /**
             * Type
             * @description 固定为 FeatureCollection
             * @constant
             */
            type: "FeatureCollection";
        };
        /**
         * HolidayIn
         * @description 一段放假：开始、结束日期（含），名称.
         */
        HolidayIn: {
            /**
             * End
             * @description 放假结束日期（含）；不填为一天
             */
            end?: string | null;
            /**
             * Name
             * @description 节日名称
             */
            name: string;
            /**
             * Start
             * Format: date
             * @description 放假开始日期
             */
            start: string;
        };
        /**
         * HotlineRates
         * @description 三率：各承办单位与合计.
         */
        HotlineRates: {
            /**
             * From
             * Format: date
             * @description 开始日期（含）
             */
            from: string;
            /**
             * To
             * Format: date
             * @description 结束日期（含）
             */
            to: string;
            /** @description 合计 */
            total: components["schemas"]["UnitRatesRead"];
            /** Units */
            units: components["schemas"]["UnitRatesRead"][];
            weights: components["schemas"]["RateWeights"];
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * ImportJobOut
         * @description An import job: what was asked, how far it is, and its outcome.
         */
        ImportJobOut: {
            /** Created At */
            created_at: string;
            /** Done */
            done: number;
            /**
             * Dry Run
             * @description 试导入：只检查，不写入
             */
            dry_run: boolean;
            /** Error Code */
            error_code: string | null;
            /** File Name */
            file_name: string;
            /** Finished At */
            finished_at: string | null;
            /** Id */
            id: number;
            /**
             * Layer
             * @description 目标图层
             */
            layer: string;
            /**
             * Message
             * @description 结果说明或拒绝原因
             */
            message: string | null;
            /** Options */
            options: {
                [key: string]: unknown;
            };
            /**
             * Problem Count
             * @description 问题条数（含警告）
             */
            problem_count: number;
            /**
             * Problems
             * @description 全部问题：kind、severity、layer（读取的图层）、fids、codes、lon/lat、message、geometry（GeoJSON）
             */
            problems: {
                [key: string]: unknown;
            }[] | null;
            /**
             * Progress
             * @description 当前步骤的完成比例 0–1（进度条）
             */
            progress: number;
            /**
             * Result
             * @description 导入摘要：新增、关闭、替换范围、生效时间……
             */
            result: {
                [key: string]: unknown;
            } | null;
            /**
             * Stage
             * @description 当前步骤，如 坐标转换、拓扑检查（按社区）
             */
            stage: string | null;
            /**
             * Stale
             * @description 运行中却长时间没有进度（进程已退出）：可重新提交
             */
            stale: boolean;
            /** Started At */
            started_at: string | null;
            /**
             * Status
             * @description queued 排队 | running 进行中 | succeeded 完成 | refused 被拒绝（有问题，未写入）| failed 意外中止（未写入）
             */
            status: string;
            /** Total */
            total: number;
        };
        /**
         * InboxItem
         * @description 受理台条目.
         */
        InboxItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Outside Patrol Area */
            outside_patrol_area: boolean | null;
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /** Possible Duplicates */
            possible_duplicates: components["schemas"]["DuplicateRef"][];
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Reporter Id */
            reporter_id: number | null;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /** Source Label */
            source_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /** Task Inspector Id */
            task_inspector_id: number | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * ItemLinks
         * @description 案卷详情、记录与可执行动作的接口地址.
         */
        ItemLinks: {
            /**
             * Actions
             * @description 动作代码 → 接口地址
             */
            actions: {
                [key: string]: string;
            };
            /** Events */
            events: string;
            /** Self */
            self: string;
        };
        /**
         * KeywordCreate
         * @description 新增关键词.
         */
        KeywordCreate: {
            /**
             * Category
             * @description 类别，如 event:09006
             * @example event:09006
             */
            category: string;
            /** Keyword */
            keyword: string;
            /**
             * Weight
             * @default 1
             */
            weight?: number;
        };
        /**
         * KeywordPatch
         * @description 修改关键词.
         */
        KeywordPatch: {
            /** Keyword */
            keyword?: string | null;
            /** Weight */
            weight?: number | null;
        };
        /**
         * KeywordRead
         * @description 类别建议关键词.
         */
        KeywordRead: {
            /**
             * Category
             * @description 类别，如 event:09006
             */
            category: string;
            /** Category Name */
            category_name: string | null;
            /** Code */
            code: string;
            /** Id */
            id: number;
            /** Keyword */
            keyword: string;
            /** Kind */
            kind: string;
            /** Weight */
            weight: number;
        };
        /**
         * KnownYearRead
         * @description 已载入放假安排的年份.
         */
        KnownYearRead: {
            /**
             * Loaded At
             * @description 管理员载入的时间；随服务提供的为 null
             */
            loaded_at: string | null;
            /**
             * Shipped
             * @description 随服务提供（未经管理员载入）
             */
            shipped: boolean;
            /**
             * Source
             * @description 来源（通知文号或随服务提供的数据）
             */
            source: string;
            /** Year */
            year: number;
        };
        /**
         * LabelledValue
         * @description 代码及其中文名.
         */
        LabelledValue: {
            /**
             * Label
             * @description 中文名
             */
            label: string;
            /**
             * Value
             * @description 代码
             */
            value: string;
        };
        /**
         * Layer
         * @description Layers that can be imported and exported.
         * @enum {string}
         */
        Layer: "district" | "street" | "community" | "cell" | "unit-rule" | "component" | "address" | "frontage";
        /**
         * LayerCollection
         * @description 图层的一页要素.
         */
        LayerCollection: {
            /**
             * Features
             * @description 要素
             */
            features: components["schemas"]["Feature"][];
            /**
             * Numberreturned
             * @description 本页要素数
             */
            numberReturned: number;
            /**
             * Truncated
             * @description 为 true 时还有更多要素（用 offset 取下一页）
             */
            truncated: boolean;
            /**
             * Type
             * @description 固定为 FeatureCollection
             * @constant
             */
            type: "FeatureCollection";
        };
        /**
         * LimitsSetting
         * @description 查询上限.
         */
        LimitsSetting: {
            /**
             * Label
             * @description 参数中文名
             */
            label: string;
            value: components["schemas"]["LimitsValue"];
        };
        /**
         * LimitsValue
         * @description 查询上限.
         */
        LimitsValue: {
            /**
             * Max Days
             * @description 统计期最长天数
             */
            max_days: number;
            /**
             * Max Rows
             * @description 每页最多行数
             */
            max_rows: number;
        };
        /**
         * ListClock
         * @description 列表显示的那个阶段计时.
         */
        ListClock: {
            /** Escalated At */
            escalated_at: string | null;
            /** Level */
            level: number;
            /** Paused */
            paused: boolean;
            /** Stage */
            stage: string;
            /** Stage Label */
            stage_label: string;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Stopped At */
            stopped_at: string | null;
            /** Unit Id */
            unit_id: number | null;
        };
        /**
         * LoadedRead
         * @description 载入结果.
         */
        LoadedRead: {
            /**
             * Holidays
             * @description 节假日天数
             */
            holidays: number;
            /**
             * Makeup Workdays
             * @description 调休上班天数
             */
            makeup_workdays: number;
            /**
             * Recomputed
             * @description 重新计算了到期时间的在办阶段
             */
            recomputed: components["schemas"]["RecomputedRead"][];
            /** Source */
            source: string;
            /** Year */
            year: number;
        };
        /**
         * LocateOut
         * @description 定位结果：单元网格及其社区、街道、区县.
         */
        LocateOut: {
            /**
             * Cell Area M2
             * @description 网格面积（平方米）
             */
            cell_area_m2: number;
            /**
             * Community Code
             * @description 12 位社区代码
             */
            community_code: string;
            /** Community Name */
            community_name: string;
            /**
             * District Code
             * @description 6 位区县代码（GB/T 2260）
             */
            district_code: string;
            /** District Name */
            district_name: string;
            /**
             * Frontage
             * @description 点位所在的门前三包区域责任人
             */
            frontage: components["schemas"]["FrontageOut"][];
            /**
             * Grid Code
             * @description 15 位单元网格代码（区县 6 + 街道 3 + 社区 3 + 顺序 3）
             */
            grid_code: string;
            /**
             * Mgmt Class
             * @description 管理等级：key（重点区域）| normal（一般区域）
             */
            mgmt_class: string;
            /** @description 半径内最近的标准地址 */
            nearest_address: components["schemas"]["NearestAddressOut"] | null;
            point: components["schemas"]["PointOut"];
            /**
             * Street Code
             * @description 9 位街道代码
             */
            street_code: string;
            /** Street Name */
            street_name: string;
        };
        /**
         * LoginLockRead
         * @description 生效中的登录锁定.
         */
        LoginLockRead: {
            /**
             * Key
             * @description 被锁定的账号或客户端地址
             */
            key: string;
            /**
             * Kind
             * @description account（账号）| ip（客户端地址）
             */
            kind: string;
            /**
             * Kind Label
             * @description 锁定对象类型中文名
             */
            kind_label: string;
            /**
             * Locked Until
             * Format: date-time
             * @description 锁定到
             */
            locked_until: string;
            /**
             * Lockouts
             * @description 累计锁定次数
             */
            lockouts: number;
        };
        /**
         * MachineReport
         * @description 视频/物联网上报（不带照片；来源为 video 或 iot）.
         */
        MachineReport: {
            /**
             * Address Text
             * @description 地址描述
             */
            address_text?: string | null;
            /**
             * Category
             * @description 类别，如 event:09006 或 component:01003
             * @example event:09006
             */
            category: string;
            /**
             * Condition
             * @description 立案条件序号（默认第 1 条）
             */
            condition?: number | null;
            /**
             * Crs
             * @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法
             * @default wgs84
             * @enum {string}
             */
            crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
            /**
             * Description
             * @description 问题描述
             */
            description: string;
            /**
             * Lat
             * @description 纬度（度，按 crs）
             */
            lat: number;
            /**
             * Lon
             * @description 经度（度，按 crs）
             */
            lon: number;
            /**
             * Photos
             * @description 不支持
             */
            photos?: string[];
            /**
             * @description 案件来源：video | iot
             * @default video
             */
            source?: components["schemas"]["Source"];
        };
        /**
         * MakeupIn
         * @description 一个调休上班日（周六或周日）.
         */
        MakeupIn: {
            /**
             * Date
             * Format: date
             */
            date: string;
            /**
             * Name
             * @description 节日名称
             */
            name: string;
        };
        /**
         * MapCaseCollection
         * @description 一张图：在办案卷点位（GeoJSON FeatureCollection）.
         */
        MapCaseCollection: {
            /**
             * Features
             * @description 案卷点位，新的在前
             */
            features: components["schemas"]["MapCaseFeature"][];
            /**
             * Limit
             * @description 点数上限（XIUHUA_MAP_CASE_LIMIT）
             */
            limit: number;
            /**
             * Truncated
             * @description 为 true 时超出点数上限，只返回了最新的 limit 个
             */
            truncated: boolean;
            /**
             * Type
             * @description 固定为 FeatureCollection
             * @constant
             */
            type: "FeatureCollection";
        };
        /**
         * MapCaseFeature
         * @description 一个在办案卷的点位要素.
         */
        MapCaseFeature: {
            /** @description 案卷点位 */
            geometry: components["schemas"]["PointGeometry"];
            /**
             * Id
             * @description 案卷 ID
             */
            id: number;
            /** @description 案卷属性 */
            properties: components["schemas"]["MapCaseProperties"];
            /**
             * Type
             * @description 固定为 Feature
             * @constant
             */
            type: "Feature";
        };
        /**
         * MapCaseProperties
         * @description 一张图上案卷点位的属性.
         */
        MapCaseProperties: {
            /**
             * Address Text
             * @description 地址描述
             */
            address_text: string | null;
            /**
             * Case No
             * @description 案卷编号
             */
            case_no: string;
            /**
             * Category
             * @description 类别引用，如 event:09006
             */
            category: string;
            /**
             * Category Name
             * @description 类别名称
             */
            category_name: string;
            /**
             * Grid Code
             * @description 单元网格代码
             */
            grid_code: string | null;
            /**
             * Id
             * @description 案卷 ID
             */
            id: number;
            /**
             * Light
             * @description 灯色：red | yellow | green
             */
            light: string;
            /**
             * Light Label
             * @description 灯色中文名
             */
            light_label: string;
            /**
             * Reported At
             * Format: date-time
             * @description 上报时间
             */
            reported_at: string;
            /**
             * Source
             * @description 来源代码
             */
            source: string;
            /**
             * Source Label
             * @description 来源中文名
             */
            source_label: string;
            /**
             * Status
             * @description 状态代码
             */
            status: string;
            /**
             * Status Label
             * @description 状态中文名
             */
            status_label: string;
            /**
             * Unit Id
             * @description 承办单位 ID
             */
            unit_id: number | null;
            /**
             * Unit Name
             * @description 承办单位名称
             */
            unit_name: string | null;
        };
        /**
         * MapSettings
         * @description 一张图设置.
         */
        MapSettings: {
            /**
             * Base Tile Url
             * @description 底图瓦片地址；未设置为 null
             */
            base_tile_url: string | null;
            /**
             * Sources
             * @description 来源及中文名
             */
            sources: components["schemas"]["LabelledValue"][];
            /**
             * Statuses
             * @description 可筛选的在办状态及中文名
             */
            statuses: components["schemas"]["LabelledValue"][];
        };
        /**
         * MaskedCaller
         * @description 诉求人（掩码）.
         */
        MaskedCaller: {
            /**
             * Name
             * @description 姓名掩码；未留姓名时为 null
             */
            name: string | null;
            /**
             * Phone
             * @description 电话掩码
             */
            phone: string;
        };
        /**
         * MobileCase
         * @description 监督员终端上的案卷（任务收件箱与增量同步）.
         */
        MobileCase: {
            /**
             * Address Text
             * @description 地址描述
             */
            address_text: string | null;
            /**
             * Case No
             * @description 案卷编号
             */
            case_no: string;
            /** @description 类别 */
            category: components["schemas"]["CategoryRef"];
            /**
             * Description
             * @description 问题描述
             */
            description: string;
            /**
             * Due At
             * @description 最紧的在计时阶段的时限
             */
            due_at: string | null;
            /**
             * Grid Code
             * @description 单元网格代码
             */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Lat
             * @description 纬度（WGS-84）；无位置为空
             */
            lat: number | null;
            /**
             * Light
             * @description 最紧的在计时阶段的灯色
             */
            light: string | null;
            /**
             * Lon
             * @description 经度（WGS-84）；无位置为空
             */
            lon: number | null;
            /**
             * Outside Patrol Area
             * @description 上报点位在本人巡查区域之外
             */
            outside_patrol_area: boolean;
            /**
             * Photos
             * @description 照片，按上传先后
             */
            photos: components["schemas"]["MobilePhoto"][];
            /**
             * Reported At
             * Format: date-time
             * @description 上报时间
             */
            reported_at: string;
            /**
             * Reported By Me
             * @description 本人上报
             */
            reported_by_me: boolean;
            /**
             * Status
             * @description 状态代码
             */
            status: string;
            /**
             * Status Label
             * @description 状态中文名
             */
            status_label: string;
            /** @description 本人可做的核实/核查任务；没有则为空 */
            task: components["schemas"]["TaskInfo"] | null;
            /**
             * Updated At
             * Format: date-time
             * @description 最近更新时间
             */
            updated_at: string;
        };
        /**
         * MobilePhoto
         * @description 案卷照片（监督员终端）.
         */
        MobilePhoto: {
            /**
             * Id
             * @description 照片 ID
             */
            id: string;
            /**
             * Kind
             * @description report 上报 | verify 核实 | before 处置前 | after 处置后 | check 核查
             */
            kind: string;
        };
        /**
         * NamedRef
         * @description ID 与名称.
         */
        NamedRef: {
            /** Id */
            id: number;
            /** Name */
            name: string | null;
        };
        /**
         * NearestAddressOut
         * @description 最近的标准地址.
         */
        NearestAddressOut: {
            /** Distance M */
            distance_m: number;
            /** Full Text */
            full_text: string;
            /** Id */
            id: number;
        };
        /** Page[ApprovalItem] */
        Page_ApprovalItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["ApprovalItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[CaseSummary] */
        Page_CaseSummary_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["CaseSummary"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[DispatchBoardItem] */
        Page_DispatchBoardItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["DispatchBoardItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[InboxItem] */
        Page_InboxItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["InboxItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[SearchItem] */
        Page_SearchItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["SearchItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[SupervisionItem] */
        Page_SupervisionItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["SupervisionItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[ToCloseItem] */
        Page_ToCloseItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["ToCloseItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /** Page[UnitHistoryItem] */
        Page_UnitHistoryItem_: {
            /** Actions */
            actions: {
                [key: string]: components["schemas"]["ActionHint"];
            };
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Filters */
            filters: {
                [key: string]: unknown;
            };
            /** Items */
            items: components["schemas"]["UnitHistoryItem"][];
            /** Limit */
            limit: number;
            /** Next Cursor */
            next_cursor: string | null;
            refresh?: components["schemas"]["Refresh"] | null;
        };
        /**
         * PatrolAreas
         * @description 监督员的巡查区域.
         */
        PatrolAreas: {
            /**
             * Cell
             * @description 责任网格（15 位编码）
             */
            cell: string[];
            /**
             * Community
             * @description 责任社区（12 位编码）
             */
            community: string[];
        };
        /**
         * PeriodRange
         * @description 统计期（本地日期，含两端）.
         */
        PeriodRange: {
            /**
             * End
             * Format: date
             * @description 结束日期
             */
            end: string;
            /**
             * Start
             * Format: date
             * @description 开始日期
             */
            start: string;
        };
        /**
         * PhotoKind
         * @description Which event a photo documents.
         * @enum {string}
         */
        PhotoKind: "report" | "verify" | "before" | "after" | "check";
        /**
         * PhotoRef
         * @description 案卷照片.
         */
        PhotoRef: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Id */
            id: string;
            /**
             * Kind
             * @description before 处置前 | after 处置后 | evidence 佐证
             */
            kind: string;
        };
        /**
         * PointGeometry
         * @description 点几何（RFC 7946，WGS-84 经纬度）.
         */
        PointGeometry: {
            /**
             * Coordinates
             * @description [经度, 纬度]
             */
            coordinates: number[];
            /**
             * Type
             * @description 固定为 Point
             * @constant
             */
            type: "Point";
        };
        /**
         * PointOut
         * @description The true position (EPSG:4326) and the raw values received.
         */
        PointOut: {
            /**
             * Lat
             * @description 真实位置纬度（WGS-84 / EPSG:4326）
             */
            lat: number;
            /**
             * Lon
             * @description 真实位置经度（WGS-84 / EPSG:4326）
             */
            lon: number;
            /**
             * Raw Crs
             * @description 原始坐标系：wgs84 | cgcs2000 | gcj02 | bd09
             */
            raw_crs: string;
            /**
             * Raw Lat
             * @description 原始纬度（按 raw_crs）
             */
            raw_lat: number;
            /**
             * Raw Lon
             * @description 原始经度（按 raw_crs）
             */
            raw_lon: number;
        };
        /**
         * ProvisionalCase
         * @description 按临时日历计时的在办案卷.
         */
        ProvisionalCase: {
            /** Assigned Unit Id */
            assigned_unit_id: number | null;
            /** Assigned Unit Name */
            assigned_unit_name: string | null;
            /** Case No */
            case_no: string;
            /**
             * Due At
             * Format: date-time
             * @description 最早的临时到期时间
             */
            due_at: string;
            /** Id */
            id: number;
            /**
             * Stages
             * @description 临时计时的阶段（中文名）
             */
            stages: string[];
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
        };
        /**
         * ProvisionalPage
         * @description 按临时日历计时的在办案卷（权限范围内）.
         */
        ProvisionalPage: {
            /** Items */
            items: components["schemas"]["ProvisionalCase"][];
            /** Last Known Year */
            last_known_year: number | null;
            /** Total */
            total: number;
        };
        /**
         * RateCounts
         * @description 三率背后的计数.
         */
        RateCounts: {
            /**
             * Basically Satisfied
             * @description 基本满意
             */
            basically_satisfied: number;
            /**
             * Callbacks
             * @description 有效回访数
             */
            callbacks: number;
            /**
             * Resolution Known
             * @description 已登记办理结果的工单
             */
            resolution_known: number;
            /**
             * Resolved
             * @description 已解决的工单
             */
            resolved: number;
            /**
             * Responded In Time
             * @description 在反馈时限内联系的工单
             */
            responded_in_time: number;
            /**
             * Response Due
             * @description 应计响应的工单（已联系，或超过时限未联系）
             */
            response_due: number;
            /**
             * Satisfied
             * @description 满意
             */
            satisfied: number;
            /**
             * Tickets
             * @description 工单数
             */
            tickets: number;
        };
        /**
         * RateWeights
         * @description 综合得分的权重与基本满意的系数.
         */
        RateWeights: {
            /**
             * Basically Satisfied
             * @description 基本满意计入满意率的系数
             */
            basically_satisfied: number;
            /**
             * Composite
             * @description 权重：response、resolution、satisfaction
             */
            composite: {
                [key: string]: number;
            };
        };
        /**
         * Readiness
         * @description 就绪：数据库与 PostGIS 可用；受理配置不全时 degraded 并列出警告.
         */
        Readiness: {
            /**
             * Postgis
             * @description PostGIS 版本
             */
            postgis: string;
            /**
             * Status
             * @description ok 正常 / degraded 配置不全
             * @enum {string}
             */
            status: "ok" | "degraded";
            /**
             * Warnings
             * @description 配置警告；为空表示齐全
             */
            warnings: components["schemas"]["ReadinessWarning"][];
        };
        /**
         * ReadinessWarning
         * @description 受理配置缺什么、影响什么、怎么补.
         */
        ReadinessWarning: {
            /**
             * Code
             * @description 警告代码，如 categories_without_standards
             */
            code: string;
            /**
             * Count
             * @description 涉及的条目数
             */
            count: number;
            /**
             * Message
             * @description 说明（中文）
             */
            message: string;
        };
        /**
         * RecomputedRead
         * @description 因载入日历而重算时限的阶段.
         */
        RecomputedRead: {
            /** Case Id */
            case_id: number;
            /** Level */
            level: number;
            /** New Due At */
            new_due_at: string;
            /** Old Due At */
            old_due_at: string;
            /** Provisional */
            provisional: boolean;
            /** Stage */
            stage: string;
        };
        /**
         * Refresh
         * @description 增量刷新.
         */
        Refresh: {
            /**
             * Next Updated Since
             * Format: date-time
             */
            next_updated_since: string;
            /** Removed */
            removed: number[] | null;
            /** Removed Truncated */
            removed_truncated: boolean;
        };
        /**
         * RefreshBody
         * @description 刷新令牌.
         */
        RefreshBody: {
            /** Refresh Token */
            refresh_token: string;
        };
        /**
         * RepeatSetting
         * @description 重复发生点位的最少案件数.
         */
        RepeatSetting: {
            /**
             * Label
             * @description 参数中文名
             */
            label: string;
            value: components["schemas"]["RepeatValue"];
        };
        /**
         * RepeatValue
         * @description 重复发生点位参数.
         */
        RepeatValue: {
            /**
             * Min Cases
             * @description 同一网格同一类别的最少案件数
             */
            min_cases: number;
        };
        /**
         * Replace
         * @description What a cell import replaces: the communities in the file, their streets, or districts.
         * @enum {string}
         */
        Replace: "communities" | "streets" | "district";
        /**
         * ReportAnswer
         * @description 上报结果：案卷编号、定位网格、派遣建议单位、当前阶段时限与疑似重复案卷.
         */
        ReportAnswer: {
            /**
             * Case No
             * @description 案卷编号
             */
            case_no: string;
            /**
             * Community Code
             * @description 社区代码
             */
            community_code: string | null;
            /**
             * Due At
             * @description 当前阶段的时限；已结案时为 null
             */
            due_at: string | null;
            /**
             * Grid Code
             * @description 单元网格代码
             */
            grid_code: string | null;
            /**
             * Id
             * @description 案卷 ID
             */
            id: number;
            /**
             * Outside Patrol Area
             * @description 不在上报人的责任网格内
             */
            outside_patrol_area: boolean | null;
            /**
             * Photos
             * @description 照片 ID
             */
            photos: string[];
            /**
             * Possible Duplicates
             * @description 疑似重复的开放案卷
             */
            possible_duplicates: components["schemas"]["DuplicateRef"][];
            /**
             * Routed By
             * @description component | rule | district_fallback
             */
            routed_by: string | null;
            /** @description 派遣建议单位；无建议时为 null */
            routed_unit: components["schemas"]["RoutedUnitRef"] | null;
            /**
             * Status
             * @description 状态代码
             */
            status: string;
            /**
             * Status Label
             * @description 状态名称
             */
            status_label: string;
            /**
             * Street Code
             * @description 街道代码
             */
            street_code: string | null;
        };
        /**
         * ReportBatch
         * @description 一批机器上报（视频智能抓拍的突发）.
         */
        ReportBatch: {
            /**
             * Reports
             * @description 上报列表，最多 XIUHUA_INTAKE_BATCH_MAX 条（默认 500）
             */
            reports: components["schemas"]["BatchReport"][];
        };
        /**
         * Requester
         * @description 申请人.
         */
        Requester: {
            /** Name */
            name: string | null;
            /** Role */
            role: string | null;
            unit: components["schemas"]["NamedRef"] | null;
            /** User Id */
            user_id: number | null;
        };
        /**
         * ResolutionBody
         * @description 登记办理结果.
         */
        ResolutionBody: {
            /**
             * Note
             * @description 说明
             */
            note?: string | null;
            /**
             * Resolved
             * @description 诉求是否已解决
             */
            resolved: boolean;
        };
        /**
         * RevealBody
         * @description 查看诉求人联系方式的理由（写入全过程记录）.
         */
        RevealBody: {
            /**
             * Reason
             * @description 理由，如：联系诉求人核实现场情况
             */
            reason: string;
        };
        /**
         * ReverseCandidateOut
         * @description 逆地理编码结果.
         */
        ReverseCandidateOut: {
            /** Address Id */
            address_id: number;
            /** Distance M */
            distance_m: number;
            /** Full Text */
            full_text: string;
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /**
         * RoutedUnitRef
         * @description 派遣建议单位.
         */
        RoutedUnitRef: {
            /**
             * Code
             * @description 单位代码
             */
            code: string;
            /** Id */
            id: number;
            /**
             * Name
             * @description 单位名称
             */
            name: string;
        };
        /**
         * RouteOut
         * @description 派遣建议：责任单位以及决定它的规则或部件.
         */
        RouteOut: {
            category: components["schemas"]["CategoryOut"];
            component: components["schemas"]["ComponentOut"] | null;
            /**
             * Decided By
             * @description component 部件吸附 | rule 责任规则 | district_fallback 区县兜底
             */
            decided_by: string;
            location: components["schemas"]["LocateOut"];
            /**
             * Reason
             * @description 中文说明
             */
            reason: string;
            rule: components["schemas"]["RuleOut"] | null;
            unit: components["schemas"]["UnitOut"];
        };
        /**
         * RuleDraftIn
         * @description 预览中试用的一条规则：`id` 为空表示新规则，否则修改已有规则的提交字段.
         */
        RuleDraftIn: {
            /** Active */
            active?: boolean | null;
            /**
             * Area Code
             * @description 区县 6 位 / 街道 9 位 / 社区 12 位代码
             */
            area_code?: string | null;
            /**
             * Area Scope
             * @description 区域范围
             */
            area_scope?: ("district" | "street" | "community" | "cells" | "polygon") | null;
            /**
             * Category Code
             * @description 小类代码
             */
            category_code?: string | null;
            /**
             * Category Kind
             * @description component 部件 | event 事件；空为全部
             */
            category_kind?: ("component" | "event") | null;
            /**
             * Cell Codes
             * @description 15 位单元网格代码
             */
            cell_codes?: string[] | null;
            /** District Code */
            district_code?: string | null;
            /**
             * Id
             * @description 已有规则 ID
             */
            id?: number | null;
            /**
             * Major Code
             * @description 大类代码
             */
            major_code?: string | null;
            /** Note */
            note?: string | null;
            /**
             * Priority
             * @description 同等具体时优先级高者优先
             */
            priority?: number | null;
            /**
             * Role
             * @description territorial 属地 | specialist 专业 | fallback 兜底
             */
            role?: ("territorial" | "specialist" | "fallback") | null;
            /**
             * Unit Id
             * @description 责任单位 ID
             */
            unit_id?: number | null;
        };
        /**
         * RuleFields
         * @description 责任规则的字段（新建时 unit_id、district_code、role、area_scope 必填）.
         */
        RuleFields: {
            /** Active */
            active?: boolean | null;
            /**
             * Area Code
             * @description 区县 6 位 / 街道 9 位 / 社区 12 位代码
             */
            area_code?: string | null;
            /**
             * Area Scope
             * @description 区域范围
             */
            area_scope?: ("district" | "street" | "community" | "cells" | "polygon") | null;
            /**
             * Category Code
             * @description 小类代码
             */
            category_code?: string | null;
            /**
             * Category Kind
             * @description component 部件 | event 事件；空为全部
             */
            category_kind?: ("component" | "event") | null;
            /**
             * Cell Codes
             * @description 15 位单元网格代码
             */
            cell_codes?: string[] | null;
            /** District Code */
            district_code?: string | null;
            /**
             * Major Code
             * @description 大类代码
             */
            major_code?: string | null;
            /** Note */
            note?: string | null;
            /**
             * Priority
             * @description 同等具体时优先级高者优先
             */
            priority?: number | null;
            /**
             * Role
             * @description territorial 属地 | specialist 专业 | fallback 兜底
             */
            role?: ("territorial" | "specialist" | "fallback") | null;
            /**
             * Unit Id
             * @description 责任单位 ID
             */
            unit_id?: number | null;
        };
        /**
         * RuleOut
         * @description 决定派遣的责任规则.
         */
        RuleOut: {
            /** Area Code */
            area_code: string | null;
            /**
             * Area Scope
             * @description 区域范围：district | street | community | cells | polygon
             */
            area_scope: string;
            /**
             * Category Scope
             * @description 类别范围：如 event:09006、event:major:09、all
             */
            category_scope: string;
            /** Id */
            id: number;
            /** Priority */
            priority: number;
            /**
             * Role
             * @description territorial 属地 | specialist 专业 | fallback 兜底
             */
            role: string;
        };
        /**
         * RulePreviewIn
         * @description 预览：某类别在某点位会派给哪个单位（可带未保存的规则改动）.
         */
        RulePreviewIn: {
            /**
             * Category
             * @description 类别，如 event:09006
             * @example event:09006
             */
            category: string;
            /**
             * Crs
             * @description wgs84 | cgcs2000 | gcj02 | bd09
             * @default wgs84
             */
            crs?: string;
            /** Drafts */
            drafts?: components["schemas"]["RuleDraftIn"][];
            /** Lat */
            lat: number;
            /** Lon */
            lon: number;
        };
        /**
         * RulePreviewRead
         * @description 预览结果：现行规则下与试用改动后的派遣建议（同一个派遣算法）.
         */
        RulePreviewRead: {
            /**
             * Changed
             * @description 责任单位是否改变
             */
            changed: boolean;
            /** @description 现行规则下的派遣建议 */
            current: components["schemas"]["RouteOut"];
            /** @description 加上试用改动后的派遣建议（改动不保存） */
            with_drafts: components["schemas"]["RouteOut"];
        };
        /**
         * RuleRead
         * @description 责任规则：类别范围 × 区域范围 × 角色 × 优先级 → 责任单位.
         */
        RuleRead: {
            /**
             * Active
             * @description 停用的规则不参与派遣建议
             */
            active: boolean;
            /** Area Code */
            area_code: string | null;
            /**
             * Area Label
             * @description 区县 | 街道 | 社区 | 指定网格 | 指定范围
             */
            area_label: string;
            /** Area Scope */
            area_scope: string;
            /** Category Code */
            category_code: string | null;
            /** Category Kind */
            category_kind: string | null;
            /**
             * Category Scope
             * @description 类别范围说明，如 event:09006、all
             */
            category_scope: string;
            /** Cell Codes */
            cell_codes: string[] | null;
            /** District Code */
            district_code: string;
            /** Id */
            id: number;
            /** Major Code */
            major_code: string | null;
            /** Note */
            note: string | null;
            /** Priority */
            priority: number;
            /** Role */
            role: string;
            /**
             * Role Label
             * @description 属地 | 专业 | 兜底
             */
            role_label: string;
            /** Unit Id */
            unit_id: number;
            /** Unit Name */
            unit_name: string;
        };
        /**
         * SatisfactionSetting
         * @description 满意率：基本满意折算系数.
         */
        SatisfactionSetting: {
            /**
             * Label
             * @description 参数中文名
             */
            label: string;
            value: components["schemas"]["SatisfactionValue"];
        };
        /**
         * SatisfactionValue
         * @description 满意率参数.
         */
        SatisfactionValue: {
            /**
             * Basically Satisfied Factor
             * @description 基本满意折算系数（0–1）
             */
            basically_satisfied_factor: number;
        };
        /**
         * ScheduleIn
         * @description 一年的放假安排（国务院办公厅通知）：节假日与调休上班日；整体替换该年原有安排.
         */
        ScheduleIn: {
            /** Holidays */
            holidays: components["schemas"]["HolidayIn"][];
            /** Makeup Days */
            makeup_days?: components["schemas"]["MakeupIn"][];
            /**
             * Source
             * @description 来源，如通知文号
             * @default
             */
            source?: string;
        };
        /**
         * ScoreBand
         * @description 得分等次：分数下限与等次名称.
         */
        ScoreBand: {
            /**
             * Label
             * @description 等次名称，如 优秀
             */
            label: string;
            /**
             * Min
             * @description 分数下限
             */
            min: number;
        };
        /**
         * ScoreBandsSetting
         * @description 得分等次（分数下限从高到低）.
         */
        ScoreBandsSetting: {
            /**
             * Label
             * @description 参数中文名
             */
            label: string;
            /**
             * Value
             * @description 等次
             */
            value: components["schemas"]["ScoreBand"][];
        };
        /**
         * SearchItem
         * @description 案卷查询结果条目.
         */
        SearchItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /** Community Code */
            community_code: string | null;
            /** Description */
            description: string;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /** Source Label */
            source_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * SettingChanged
         * @description 修改后的一个评价参数.
         */
        SettingChanged: {
            /**
             * Key
             * @description 参数名
             */
            key: string;
            /**
             * Value
             * @description 保存的取值（已校验、规范化）；形状随参数而定
             */
            value: components["schemas"]["SatisfactionValue"] | components["schemas"]["RepeatValue"] | components["schemas"]["LimitsValue"] | components["schemas"]["ScoreBand"][] | {
                [key: string]: number;
            };
        };
        /**
         * Source
         * @description Channel a case came from (案件来源).
         * @enum {string}
         */
        Source: "inspector" | "hotline" | "public" | "open311" | "video" | "iot" | "leader";
        /**
         * Stage
         * @description A stage with its own clock and time limit (DOMAIN.md §5).
         * @enum {string}
         */
        Stage: "verify" | "file" | "dispatch" | "handle" | "check" | "close";
        /**
         * StageClock
         * @description 一个阶段的计时.
         */
        StageClock: {
            /**
             * Due At
             * Format: date-time
             */
            due_at: string;
            /** Extension Hours */
            extension_hours: number;
            /**
             * Level
             * @description 派遣层级：0 中心，1 一级派遣，2 二级派遣
             */
            level: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Limit Unit */
            limit_unit: string;
            /** Limit Value */
            limit_value: number;
            /** Overdue */
            overdue: boolean;
            /** Paused */
            paused: boolean;
            /**
             * Provisional
             * @description 按临时日历计算（下一年节假日尚未发布）
             */
            provisional: boolean;
            /** Stage */
            stage: string;
            /** Stage Label */
            stage_label: string;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Stopped At */
            stopped_at: string | null;
            /** Unit Id */
            unit_id: number | null;
            /**
             * Used Ratio
             * @description 已用时限比例（工作时间）
             */
            used_ratio: number | null;
        };
        /**
         * StageLimitRead
         * @description 阶段时限.
         */
        StageLimitRead: {
            /**
             * Limit Unit
             * @description 时限单位
             */
            limit_unit: string;
            /**
             * Limit Value
             * @description 时限数值
             */
            limit_value: number;
            /**
             * Source
             * @description 只对该来源生效；为空表示所有来源
             */
            source: string | null;
            /**
             * Stage
             * @description 阶段代码
             */
            stage: string;
            /**
             * Stage Label
             * @description 阶段中文名
             */
            stage_label: string;
        };
        /**
         * StageLimitSet
         * @description 阶段时限.
         */
        StageLimitSet: {
            limit_unit: components["schemas"]["TimeUnit"];
            /** Limit Value */
            limit_value: number | string;
            /** @description 只对该来源生效；为空表示所有来源 */
            source?: components["schemas"]["Source"] | null;
        };
        /**
         * StandardEdit
         * @description 修改立结案标准：生成新版本；已开始计时的阶段仍按原时限.
         */
        StandardEdit: {
            /**
             * Closing Condition
             * @description 结案条件
             */
            closing_condition?: string | null;
            /**
             * Filing Condition
             * @description 立案条件
             */
            filing_condition?: string | null;
            key_limit_unit?: components["schemas"]["TimeUnit"] | null;
            /**
             * Key Limit Value
             * @description 重点区域处置时限
             */
            key_limit_value?: number | string | null;
            limit_unit?: components["schemas"]["TimeUnit"] | null;
            /**
             * Limit Value
             * @description 处置时限数值
             */
            limit_value?: number | string | null;
            /**
             * Severity
             * @description urgent | serious | general | minor
             */
            severity?: string | null;
        };
        /**
         * StandardRead
         * @description 立结案标准（现行版本）的一条.
         */
        StandardRead: {
            /**
             * Category Id
             * @description 类别 ID
             */
            category_id: number;
            /**
             * Closing Condition
             * @description 结案条件
             */
            closing_condition: string;
            /**
             * Filing Condition
             * @description 立案条件
             */
            filing_condition: string;
            /** Id */
            id: number;
            /**
             * Key Limit Unit
             * @description 重点区域处置时限单位
             */
            key_limit_unit: string | null;
            /**
             * Key Limit Value
             * @description 重点区域处置时限数值
             */
            key_limit_value: number | null;
            /**
             * Limit Unit
             * @description 处置时限单位
             */
            limit_unit: string;
            /**
             * Limit Value
             * @description 处置时限数值
             */
            limit_value: number;
            /**
             * Seq
             * @description 序号
             */
            seq: number;
            /**
             * Severity
             * @description 严重程度：urgent | serious | general | minor
             */
            severity: string;
            /**
             * Severity Label
             * @description 严重程度中文名
             */
            severity_label: string;
            /**
             * Version
             * @description 版本号（每次修改加一）
             */
            version: number;
        };
        /**
         * StatsSettings
         * @description 全部评价参数及其中文名与取值.
         */
        StatsSettings: {
            /** @description 派遣员综合评价权重 */
            dispatcher_weights: components["schemas"]["WeightsSetting"];
            /** @description 12345 三率综合权重 */
            hotline_weights: components["schemas"]["WeightsSetting"];
            /** @description 监督员综合评价权重 */
            inspector_weights: components["schemas"]["WeightsSetting"];
            /** @description 查询上限 */
            limits: components["schemas"]["LimitsSetting"];
            /** @description 受理员综合评价权重 */
            operator_weights: components["schemas"]["WeightsSetting"];
            /** @description 重复发生点位参数 */
            repeat: components["schemas"]["RepeatSetting"];
            /** @description 满意率参数 */
            satisfaction: components["schemas"]["SatisfactionSetting"];
            /** @description 得分等次 */
            score_bands: components["schemas"]["ScoreBandsSetting"];
            /** @description 值班长综合评价权重 */
            shift_leader_weights: components["schemas"]["WeightsSetting"];
            /** @description 街道（区域）综合评价权重 */
            street_weights: components["schemas"]["WeightsSetting"];
            /** @description 专业部门综合评价权重 */
            unit_weights: components["schemas"]["WeightsSetting"];
        };
        /**
         * Status
         * @description Case status (案卷状态).
         * @enum {string}
         */
        Status: "reported" | "verifying" | "rejected" | "merged" | "filed" | "dispatched" | "suspended" | "handled" | "to_close" | "closed" | "evaluated" | "voided";
        /**
         * StreetRef
         * @description 街道.
         */
        StreetRef: {
            /** Code */
            code: string | null;
            /** Name */
            name: string | null;
        };
        /**
         * SubUnit
         * @description 下级单位.
         */
        SubUnit: {
            /** Code */
            code: string;
            /** Contact Name */
            contact_name: string | null;
            /** Id */
            id: number;
            /** Kind */
            kind: string;
            /** Name */
            name: string;
            /** Open Cases */
            open_cases: number;
        };
        /**
         * SubUnits
         * @description 本单位及其启用的下级单位.
         */
        SubUnits: {
            /** Items */
            items: components["schemas"]["SubUnit"][];
            unit: components["schemas"]["UnitRef"];
        };
        /**
         * SuggestBody
         * @description 按诉求内容建议类别.
         */
        SuggestBody: {
            /**
             * Kind
             * @description 只建议事件（默认）或部件类别；null = 全部
             * @default event
             */
            kind?: ("component" | "event") | null;
            /**
             * Limit
             * @default 5
             */
            limit?: number;
            /**
             * Text
             * @description 诉求内容
             */
            text: string;
        };
        /**
         * SuggestedRule
         * @description 决定建议单位的责任规则.
         */
        SuggestedRule: {
            /** Area Code */
            area_code: string | null;
            /** Area Label */
            area_label: string;
            /** Area Scope */
            area_scope: string;
            /** Category Scope */
            category_scope: string;
            /** Id */
            id: number;
            /** Priority */
            priority: number;
            /** Role */
            role: string;
            /** Role Label */
            role_label: string;
        };
        /**
         * SuggestedUnit
         * @description 建议单位.
         */
        SuggestedUnit: {
            /** Active */
            active: boolean | null;
            /** Id */
            id: number;
            /** Name */
            name: string | null;
        };
        /**
         * Suggestion
         * @description 派遣建议.
         */
        Suggestion: {
            /** Routed By */
            routed_by: string | null;
            /** Routed By Label */
            routed_by_label: string | null;
            rule: components["schemas"]["SuggestedRule"] | null;
            /** Rule Id */
            rule_id: number | null;
            unit: components["schemas"]["SuggestedUnit"] | null;
        };
        /**
         * SupervisionItem
         * @description 督办条目.
         */
        SupervisionItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /** Days Overdue */
            days_overdue: number;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Escalated At */
            escalated_at: string | null;
            escalated_to: components["schemas"]["EscalatedTo"] | null;
            /** Grid Code */
            grid_code: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Overdue Seconds */
            overdue_seconds: number;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            stage_unit: components["schemas"]["NamedRef"] | null;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * SyncPage
         * @description 增量同步的一页.
         */
        SyncPage: {
            /**
             * Has More
             * @description 为 true 时继续翻页
             */
            has_more: boolean;
            /**
             * Items
             * @description 按（更新时间, ID）排序的案卷
             */
            items: components["schemas"]["MobileCase"][];
            /**
             * Next Cursor
             * @description 下次同步带上的游标
             */
            next_cursor: string | null;
        };
        /**
         * TableBody
         * @description Any indicator table (the StatsTable shape) to be written as CSV or XLSX.
         */
        TableBody: {
            /** Columns */
            columns: components["schemas"]["TableColumn"][];
            /**
             * Meta
             * @description 说明（XLSX 中单列一页）
             */
            meta?: {
                [key: string]: unknown;
            };
            /**
             * Rows
             * @description 以列 key 为键的行
             */
            rows: {
                [key: string]: unknown;
            }[];
            /**
             * Title
             * @description 表名，如 专业部门月度考评
             */
            title: string;
        };
        /**
         * TableColumn
         * @description A column of a posted table.
         */
        TableColumn: {
            /** Key */
            key: string;
            /**
             * Kind
             * @default text
             * @enum {string}
             */
            kind?: "text" | "int" | "number" | "rate" | "score" | "datetime";
            /** Label */
            label: string;
        };
        /**
         * TableOut
         * @description 指标表：标题、列、行（键为列键）与说明.
         */
        TableOut: {
            /** Columns */
            columns: components["schemas"]["ColumnOut"][];
            /** Meta */
            meta: {
                [key: string]: unknown;
            };
            /** Rows */
            rows: {
                [key: string]: unknown;
            }[];
            /** Title */
            title: string;
        };
        /**
         * TaskInfo
         * @description 监督员可做的核实或核查任务.
         */
        TaskInfo: {
            /**
             * Assigned
             * @description true = 本人持有；false = 任务池中，先提交者接手
             */
            assigned: boolean;
            /**
             * Due At
             * @description 任务时限
             */
            due_at: string | null;
            /**
             * Kind
             * @description verify（核实）| check（核查）
             */
            kind: string;
            /**
             * Label
             * @description 任务中文名
             */
            label: string;
            /**
             * Light
             * @description 任务阶段的灯色：green | yellow | red
             */
            light: string | null;
            /**
             * Results
             * @description 可提交的结果：exists | not_exists 或 pass | fail
             */
            results: string[];
        };
        /**
         * TaskResultAnswer
         * @description 核实 / 核查结果：执行的流转动作与案卷新状态.
         */
        TaskResultAnswer: {
            /**
             * Action
             * @description 执行的动作：verify_exists | verify_not_exists | check_pass | check_fail
             */
            action: string;
            /**
             * Case No
             * @description 案卷编号
             */
            case_no: string;
            /**
             * Id
             * @description 案卷 ID
             */
            id: number;
            /**
             * Photos
             * @description 本次上传的照片 ID
             */
            photos: string[];
            /**
             * Status
             * @description 新状态代码
             */
            status: string;
            /**
             * Status Label
             * @description 新状态名称
             */
            status_label: string;
        };
        /**
         * ThreeRates
         * @description 响应率、解决率、满意率与综合得分（尚无可计的工单时为 null）.
         */
        ThreeRates: {
            /**
             * Composite
             * @description 综合得分（三率都有时才计算）
             */
            composite: number | null;
            /**
             * Resolution Rate
             * @description 解决率
             */
            resolution_rate: number | null;
            /**
             * Response Rate
             * @description 响应率
             */
            response_rate: number | null;
            /**
             * Satisfaction Rate
             * @description 满意率
             */
            satisfaction_rate: number | null;
        };
        /**
         * TicketAnswer
         * @description 工单及其案卷.
         */
        TicketAnswer: {
            case: components["schemas"]["CaseRead"];
            ticket: components["schemas"]["TicketDetail"];
        };
        /**
         * TicketCreate
         * @description 登记热线工单.
         */
        TicketCreate: {
            /**
             * Address Id
             * @description 坐席从候选中选定的标准地址
             */
            address_id?: number | null;
            /**
             * Address Text
             * @description 诉求人描述的地址
             */
            address_text?: string | null;
            /**
             * Caller Name
             * @description 诉求人姓名
             */
            caller_name?: string | null;
            /**
             * Caller Phone
             * @description 诉求人电话（加密存储，显示为掩码）
             */
            caller_phone: string;
            /**
             * Category
             * @description 类别，如 event:09006；不填则按诉求内容建议的第一个类别
             */
            category?: string | null;
            /**
             * Condition
             * @description 立案条件序号（默认第 1 条）
             */
            condition?: number | null;
            /**
             * Content
             * @description 诉求内容
             */
            content: string;
            /**
             * Crs
             * @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法
             * @default wgs84
             * @enum {string}
             */
            crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
            /**
             * District Code
             * @description 所属区县（无法定位时必填，除非坐席只有一个辖区）
             */
            district_code?: string | null;
            /**
             * Lat
             * @description 坐席确认的点位纬度
             */
            lat?: number | null;
            /**
             * Lon
             * @description 坐席确认的点位经度
             */
            lon?: number | null;
            /**
             * Source System
             * @description 来源系统（工单号在其内唯一），如 12345、12319
             * @default 12345
             */
            source_system?: string;
            /**
             * Ticket No
             * @description 外部工单号
             */
            ticket_no: string;
            /**
             * Urgency
             * @description 紧急程度：emergency | utilities | general | complex
             * @default general
             */
            urgency?: string;
        };
        /**
         * TicketDetail
         * @description 工单详情：另含同一来电号码的其他工单数.
         */
        TicketDetail: {
            /**
             * Address Id
             * @description 选定或匹配的标准地址 ID
             */
            address_id: number | null;
            /**
             * Callback At
             * @description 回访时间
             */
            callback_at: string | null;
            caller: components["schemas"]["MaskedCaller"];
            /**
             * Case Id
             * @description 案卷 ID（工单即案卷）
             */
            case_id: number;
            /**
             * Category Source
             * @description 类别来源：agent 坐席选择 / keyword 关键词建议等
             */
            category_source: string;
            /**
             * Contacted At
             * @description 首次联系诉求人的时间
             */
            contacted_at: string | null;
            /**
             * Contacted By
             * @description 联系人（用户 ID）
             */
            contacted_by: number | null;
            /**
             * Contacted In Time
             * @description 是否在反馈时限内联系
             */
            contacted_in_time: boolean | null;
            /**
             * Created At
             * Format: date-time
             * @description 登记时间
             */
            created_at: string;
            /**
             * Created By
             * @description 登记坐席（用户 ID）
             */
            created_by: number | null;
            /**
             * Earlier Tickets
             * @description 同一号码的其他工单数（调用者可见范围内）
             */
            earlier_tickets: number;
            /**
             * Feedback Due At
             * Format: date-time
             * @description 应联系诉求人的最晚时间
             */
            feedback_due_at: string;
            feedback_limit: components["schemas"]["FeedbackLimit"];
            /**
             * Feedback Overdue
             * @description 已超过反馈时限仍未联系诉求人
             */
            feedback_overdue: boolean;
            /**
             * Geocode Score
             * @description 地址匹配得分
             */
            geocode_score: number | null;
            /**
             * Location Source
             * @description 位置来源代码
             */
            location_source: string;
            /**
             * Location Source Label
             * @description 位置来源名称
             */
            location_source_label: string;
            /**
             * No Location
             * @description 无法定位（派给所属区县的兜底单位）
             */
            no_location: boolean;
            /**
             * Resolved
             * @description 诉求是否已解决（未登记为 null）
             */
            resolved: boolean | null;
            /**
             * Resolved At
             * @description 登记办理结果的时间
             */
            resolved_at: string | null;
            /**
             * Satisfaction
             * @description 回访满意度代码
             */
            satisfaction: string | null;
            /**
             * Satisfaction Label
             * @description 回访满意度名称
             */
            satisfaction_label: string | null;
            /**
             * Source System
             * @description 来源系统（如 12345）
             */
            source_system: string;
            /**
             * Ticket No
             * @description 来源系统的工单号
             */
            ticket_no: string;
            /**
             * Urgency
             * @description 紧急程度代码
             */
            urgency: string;
            /**
             * Urgency Label
             * @description 紧急程度名称
             */
            urgency_label: string;
        };
        /**
         * TicketFiled
         * @description 登记结果：工单、案卷与疑似重复的开放案卷.
         */
        TicketFiled: {
            case: components["schemas"]["CaseRead"];
            /**
             * Possible Duplicates
             * @description 同类别、半径与时间窗口内的开放案卷
             */
            possible_duplicates: components["schemas"]["DuplicateRef"][];
            ticket: components["schemas"]["TicketDetail"];
        };
        /**
         * TicketListItem
         * @description 列表中的一张工单：工单与案卷摘要.
         */
        TicketListItem: {
            /**
             * Address Id
             * @description 选定或匹配的标准地址 ID
             */
            address_id: number | null;
            /**
             * Assigned Unit Id
             * @description 承办单位
             */
            assigned_unit_id: number | null;
            /**
             * Callback At
             * @description 回访时间
             */
            callback_at: string | null;
            caller: components["schemas"]["MaskedCaller"];
            /**
             * Case Id
             * @description 案卷 ID（工单即案卷）
             */
            case_id: number;
            /**
             * Case No
             * @description 案卷编号
             */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            /**
             * Category Source
             * @description 类别来源：agent 坐席选择 / keyword 关键词建议等
             */
            category_source: string;
            /**
             * Contacted At
             * @description 首次联系诉求人的时间
             */
            contacted_at: string | null;
            /**
             * Contacted By
             * @description 联系人（用户 ID）
             */
            contacted_by: number | null;
            /**
             * Contacted In Time
             * @description 是否在反馈时限内联系
             */
            contacted_in_time: boolean | null;
            /**
             * Created At
             * Format: date-time
             * @description 登记时间
             */
            created_at: string;
            /**
             * Created By
             * @description 登记坐席（用户 ID）
             */
            created_by: number | null;
            /**
             * District Code
             * @description 区县代码
             */
            district_code: string;
            /**
             * Feedback Due At
             * Format: date-time
             * @description 应联系诉求人的最晚时间
             */
            feedback_due_at: string;
            feedback_limit: components["schemas"]["FeedbackLimit"];
            /**
             * Feedback Overdue
             * @description 已超过反馈时限仍未联系诉求人
             */
            feedback_overdue: boolean;
            /**
             * Geocode Score
             * @description 地址匹配得分
             */
            geocode_score: number | null;
            /**
             * Location Source
             * @description 位置来源代码
             */
            location_source: string;
            /**
             * Location Source Label
             * @description 位置来源名称
             */
            location_source_label: string;
            /**
             * No Location
             * @description 无法定位（派给所属区县的兜底单位）
             */
            no_location: boolean;
            /**
             * Reported At
             * @description 上报时间
             */
            reported_at: string | null;
            /**
             * Resolved
             * @description 诉求是否已解决（未登记为 null）
             */
            resolved: boolean | null;
            /**
             * Resolved At
             * @description 登记办理结果的时间
             */
            resolved_at: string | null;
            /**
             * Routed Unit Id
             * @description 建议单位
             */
            routed_unit_id: number | null;
            /**
             * Satisfaction
             * @description 回访满意度代码
             */
            satisfaction: string | null;
            /**
             * Satisfaction Label
             * @description 回访满意度名称
             */
            satisfaction_label: string | null;
            /**
             * Source System
             * @description 来源系统（如 12345）
             */
            source_system: string;
            /**
             * Status
             * @description 案卷状态代码
             */
            status: string;
            /**
             * Status Label
             * @description 案卷状态名称
             */
            status_label: string;
            /**
             * Ticket No
             * @description 来源系统的工单号
             */
            ticket_no: string;
            /**
             * Urgency
             * @description 紧急程度代码
             */
            urgency: string;
            /**
             * Urgency Label
             * @description 紧急程度名称
             */
            urgency_label: string;
        };
        /**
         * TicketPage
         * @description 一页工单（按案卷倒序）.
         */
        TicketPage: {
            /** Items */
            items: components["schemas"]["TicketListItem"][];
            /**
             * Next Cursor
             * @description 下一页游标；最后一页为 null
             */
            next_cursor: number | null;
        };
        /**
         * TicketRead
         * @description 热线工单（诉求人掩码，紧急程度与反馈计时）.
         */
        TicketRead: {
            /**
             * Address Id
             * @description 选定或匹配的标准地址 ID
             */
            address_id: number | null;
            /**
             * Callback At
             * @description 回访时间
             */
            callback_at: string | null;
            caller: components["schemas"]["MaskedCaller"];
            /**
             * Case Id
             * @description 案卷 ID（工单即案卷）
             */
            case_id: number;
            /**
             * Category Source
             * @description 类别来源：agent 坐席选择 / keyword 关键词建议等
             */
            category_source: string;
            /**
             * Contacted At
             * @description 首次联系诉求人的时间
             */
            contacted_at: string | null;
            /**
             * Contacted By
             * @description 联系人（用户 ID）
             */
            contacted_by: number | null;
            /**
             * Contacted In Time
             * @description 是否在反馈时限内联系
             */
            contacted_in_time: boolean | null;
            /**
             * Created At
             * Format: date-time
             * @description 登记时间
             */
            created_at: string;
            /**
             * Created By
             * @description 登记坐席（用户 ID）
             */
            created_by: number | null;
            /**
             * Feedback Due At
             * Format: date-time
             * @description 应联系诉求人的最晚时间
             */
            feedback_due_at: string;
            feedback_limit: components["schemas"]["FeedbackLimit"];
            /**
             * Feedback Overdue
             * @description 已超过反馈时限仍未联系诉求人
             */
            feedback_overdue: boolean;
            /**
             * Geocode Score
             * @description 地址匹配得分
             */
            geocode_score: number | null;
            /**
             * Location Source
             * @description 位置来源代码
             */
            location_source: string;
            /**
             * Location Source Label
             * @description 位置来源名称
             */
            location_source_label: string;
            /**
             * No Location
             * @description 无法定位（派给所属区县的兜底单位）
             */
            no_location: boolean;
            /**
             * Resolved
             * @description 诉求是否已解决（未登记为 null）
             */
            resolved: boolean | null;
            /**
             * Resolved At
             * @description 登记办理结果的时间
             */
            resolved_at: string | null;
            /**
             * Satisfaction
             * @description 回访满意度代码
             */
            satisfaction: string | null;
            /**
             * Satisfaction Label
             * @description 回访满意度名称
             */
            satisfaction_label: string | null;
            /**
             * Source System
             * @description 来源系统（如 12345）
             */
            source_system: string;
            /**
             * Ticket No
             * @description 来源系统的工单号
             */
            ticket_no: string;
            /**
             * Urgency
             * @description 紧急程度代码
             */
            urgency: string;
            /**
             * Urgency Label
             * @description 紧急程度名称
             */
            urgency_label: string;
        };
        /**
         * TicketSearch
         * @description 按条件查询工单（电话号码只放在请求体中，不进入 URL 与访问日志）.
         */
        TicketSearch: {
            /** Cursor */
            cursor?: number | null;
            /** Feedback Overdue */
            feedback_overdue?: boolean | null;
            /**
             * Limit
             * @default 50
             */
            limit?: number;
            /**
             * Phone
             * @description 来电号码：查该号码的全部工单（重复来电）
             */
            phone?: string | null;
            status?: components["schemas"]["Status"] | null;
            /** Urgency */
            urgency?: string | null;
        };
        /**
         * TimeUnit
         * @description Limit units: `minute` is a natural minute; `work_*` count working time only.
         * @enum {string}
         */
        TimeUnit: "minute" | "work_hour" | "work_day" | "natural_hour" | "natural_day";
        /**
         * ToCloseItem
         * @description 待结案条目.
         */
        ToCloseItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            /** Checked At */
            checked_at: string | null;
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Handled At */
            handled_at: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Reworks */
            reworks: number;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Source */
            source: string;
            /** Source Label */
            source_label: string;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /** Task Inspector Id */
            task_inspector_id: number | null;
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * TokenRead
         * @description OAuth2 令牌.
         */
        TokenRead: {
            /**
             * Access Token
             * @description 访问令牌（Authorization: Bearer …）
             */
            access_token: string;
            /**
             * Expires In
             * @description 访问令牌有效期（秒）
             */
            expires_in: number;
            /**
             * Refresh Token
             * @description 刷新令牌（换取新的访问令牌）
             */
            refresh_token: string;
            /**
             * Role
             * @description 角色
             */
            role: string;
            /**
             * Token Type
             * @default bearer
             */
            token_type?: string;
            /** User Id */
            user_id: number;
        };
        /**
         * UnitCounts
         * @description 单位队列角标.
         */
        UnitCounts: {
            /**
             * As Of
             * Format: date-time
             */
            as_of: string;
            /** Assigned */
            assigned: number;
            /** Pending */
            pending: number;
            /** Red */
            red: number;
            /** Redispatched */
            redispatched: number;
            /** Sub Unit Returns */
            sub_unit_returns: number;
            /** Unsigned */
            unsigned: number;
            /** Yellow */
            yellow: number;
        };
        /**
         * UnitCreate
         * @description 新建责任单位.
         */
        UnitCreate: {
            /** Address */
            address?: string | null;
            /**
             * Code
             * @description 单位代码（唯一）
             */
            code: string;
            /** Contact Name */
            contact_name?: string | null;
            /** Contact Phone */
            contact_phone?: string | null;
            /** District Code */
            district_code?: string | null;
            /**
             * Kind
             * @description 单位类型
             * @enum {string}
             */
            kind: "government" | "street_office" | "bureau" | "center" | "company" | "squad";
            /** Name */
            name: string;
            /**
             * Parent Id
             * @description 上级单位 ID
             */
            parent_id?: number | null;
        };
        /**
         * UnitHistoryItem
         * @description 单位曾承办的案卷.
         */
        UnitHistoryItem: {
            /** Address Text */
            address_text: string | null;
            /** Allowed Actions */
            allowed_actions: string[];
            assigned_unit: components["schemas"]["NamedRef"] | null;
            /** Case No */
            case_no: string;
            category: components["schemas"]["CategoryRef"];
            clock: components["schemas"]["ListClock"] | null;
            /**
             * Dispatch Level
             * @description 0 未派遣，1 一级派遣，2 二级派遣
             */
            dispatch_level: number;
            /** Dispatching Unit Id */
            dispatching_unit_id: number | null;
            /** District Code */
            district_code: string;
            /** Due At */
            due_at: string | null;
            /** Grid Code */
            grid_code: string | null;
            /** Held From */
            held_from: string | null;
            /** Held Until */
            held_until: string | null;
            /** Id */
            id: number;
            /**
             * Light
             * @description red 红灯 | yellow 黄灯 | green 绿灯
             */
            light: string;
            /** Light Label */
            light_label: string;
            links: components["schemas"]["ItemLinks"];
            /** Outcome */
            outcome: string;
            /** Outcome Label */
            outcome_label: string;
            /** Overdue */
            overdue: boolean;
            /** Pending */
            pending: string | null;
            /** Pending Label */
            pending_label: string | null;
            /**
             * Reported At
             * Format: date-time
             */
            reported_at: string;
            /** Returns */
            returns: number;
            /** Severity */
            severity: string | null;
            /** Severity Label */
            severity_label: string | null;
            /** Signed */
            signed: boolean;
            /** Status */
            status: string;
            /** Status Label */
            status_label: string;
            street: components["schemas"]["StreetRef"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Used Ratio */
            used_ratio: number | null;
            /** Yellow At */
            yellow_at: string | null;
        };
        /**
         * UnitHit
         * @description 查到的责任单位.
         */
        UnitHit: {
            /**
             * Code
             * @description 单位代码
             */
            code: string;
            /** District Code */
            district_code: string | null;
            /** Id */
            id: number;
            /** Kind */
            kind: string;
            /**
             * Kind Label
             * @description 单位类型中文名
             */
            kind_label: string;
            /** Name */
            name: string;
            /**
             * Parent Name
             * @description 上级单位名称
             */
            parent_name: string | null;
        };
        /**
         * UnitOut
         * @description 责任单位.
         */
        UnitOut: {
            /** Code */
            code: string;
            /** Contact Phone */
            contact_phone: string | null;
            /** Id */
            id: number;
            /**
             * Kind
             * @description government | street_office | bureau | center | company | squad
             */
            kind: string;
            /** Name */
            name: string;
            /**
             * Parent Id
             * @description 上级单位（二级派遣）
             */
            parent_id: number | null;
        };
        /**
         * UnitPatch
         * @description 修改责任单位（只改提交的字段；active=false 即停用）.
         */
        UnitPatch: {
            /** Active */
            active?: boolean | null;
            /** Address */
            address?: string | null;
            /** Code */
            code?: string | null;
            /** Contact Name */
            contact_name?: string | null;
            /** Contact Phone */
            contact_phone?: string | null;
            /** District Code */
            district_code?: string | null;
            /** Kind */
            kind?: ("government" | "street_office" | "bureau" | "center" | "company" | "squad") | null;
            /** Name */
            name?: string | null;
            /**
             * Parent Id
             * @description 上级单位 ID；null 表示无上级
             */
            parent_id?: number | null;
        };
        /**
         * UnitRatesRead
         * @description 一个承办单位（或合计）的三率.
         */
        UnitRatesRead: {
            counts: components["schemas"]["RateCounts"];
            rates: components["schemas"]["ThreeRates"];
            /**
             * Unit Id
             * @description 单位 ID；尚未派遣的工单与合计为 null
             */
            unit_id: number | null;
            /**
             * Unit Name
             * @description 单位名称
             */
            unit_name: string | null;
        };
        /**
         * UnitRead
         * @description 责任单位.
         */
        UnitRead: {
            /**
             * Active
             * @description 停用的单位不再被派遣建议选中
             */
            active: boolean;
            /** Address */
            address: string | null;
            /**
             * Code
             * @description 单位代码，如 370303-CG
             */
            code: string;
            /** Contact Name */
            contact_name: string | null;
            /** Contact Phone */
            contact_phone: string | null;
            /** District Code */
            district_code: string | null;
            /** Id */
            id: number;
            /**
             * Kind
             * @description 单位类型代码
             */
            kind: string;
            /**
             * Kind Label
             * @description 单位类型中文名
             */
            kind_label: string;
            /** Name */
            name: string;
            /**
             * Parent Id
             * @description 上级单位（二级派遣）
             */
            parent_id: number | null;
            /** Parent Name */
            parent_name: string | null;
            /**
             * Sub Units
             * @description 启用的下级单位数
             */
            sub_units: number;
        };
        /**
         * UnitRef
         * @description 单位.
         */
        UnitRef: {
            /** Code */
            code: string;
            /** Id */
            id: number;
            /** Name */
            name: string;
        };
        /**
         * UnlockBody
         * @description 解除登录锁定：用户名、客户端地址，至少给出一个.
         */
        UnlockBody: {
            /**
             * Ip
             * @description 客户端地址
             */
            ip?: string | null;
            /**
             * Username
             * @description 用户名
             */
            username?: string | null;
        };
        /**
         * UnlockResult
         * @description 解除登录锁定的结果.
         */
        UnlockResult: {
            /**
             * Released
             * @description 解除的锁定数
             */
            released: number;
        };
        /**
         * UrgencyOption
         * @description 登记工单时可选的紧急程度及其反馈时限.
         */
        UrgencyOption: {
            /**
             * Code
             * @description 紧急程度代码
             */
            code: string;
            /**
             * Feedback Limit Unit
             * @description 反馈时限单位
             */
            feedback_limit_unit: string;
            /**
             * Feedback Limit Value
             * @description 反馈时限数值
             */
            feedback_limit_value: number;
            /**
             * Name
             * @description 紧急程度名称
             */
            name: string;
        };
        /**
         * UrgencyPut
         * @description 新建或修改紧急程度（新建时 name 与反馈时限必填）.
         */
        UrgencyPut: {
            /**
             * Active
             * @description 停用后不能再选；已有工单不受影响
             */
            active?: boolean | null;
            feedback_limit_unit?: components["schemas"]["TimeUnit"] | null;
            /** Feedback Limit Value */
            feedback_limit_value?: number | string | null;
            /** Name */
            name?: string | null;
            /**
             * Seq
             * @description 显示顺序
             */
            seq?: number | null;
        };
        /**
         * UrgencyRead
         * @description 热线紧急程度及其反馈时限.
         */
        UrgencyRead: {
            /** Active */
            active: boolean;
            /** Code */
            code: string;
            /** Feedback Limit Unit */
            feedback_limit_unit: string;
            /** Feedback Limit Value */
            feedback_limit_value: number;
            /** Name */
            name: string;
            /** Seq */
            seq: number;
        };
        /**
         * UserCreate
         * @description 新建用户.
         */
        UserCreate: {
            /**
             * Active
             * @description 启用（false = 停用账号，可不设密码）
             * @default true
             */
            active?: boolean;
            /**
             * Cells
             * @description 监督员责任网格（15 位编码）；监督员须有责任网格、责任社区或辖区之一
             */
            cells?: string[];
            /**
             * City Wide
             * @description 明确选择全市范围（不指定辖区）
             * @default false
             */
            city_wide?: boolean;
            /**
             * Communities
             * @description 监督员责任社区（12 位编码）
             */
            communities?: string[];
            /**
             * Display Name
             * @description 姓名
             */
            display_name?: string | null;
            /**
             * Districts
             * @description 辖区（区县代码）：受理员、值班长、派遣员、热线坐席、领导必填，除非 city_wide=true（全市）
             */
            districts?: string[];
            /**
             * Password
             * @description 密码（至少 8 位）；不设密码的账号只能以停用状态（active=false）创建
             */
            password?: string | null;
            /**
             * Role
             * @description 角色：inspector（监督员）、operator（受理员）、shift_leader（值班长）、dispatcher（派遣员）、unit_handler（处置单位）、hotline_agent（热线坐席）、leader（领导）、admin（管理员）
             */
            role: string;
            /**
             * Unit
             * @description 所属单位编码（处置单位用户必填）
             */
            unit?: string | null;
            /** Username */
            username: string;
        };
        /**
         * UserRead
         * @description 用户（不含密码）.
         */
        UserRead: {
            /**
             * Active
             * @description 启用
             */
            active: boolean;
            /** @description 巡查区域（仅监督员） */
            areas: components["schemas"]["PatrolAreas"] | null;
            /**
             * Created At
             * Format: date-time
             * @description 创建时间
             */
            created_at: string;
            /**
             * Display Name
             * @description 姓名
             */
            display_name: string;
            /**
             * Districts
             * @description 辖区（区县代码）；空表示全市或不适用
             */
            districts: string[];
            /** Id */
            id: number;
            /**
             * Role
             * @description 角色代码
             */
            role: string;
            /**
             * Role Label
             * @description 角色中文名
             */
            role_label: string;
            /**
             * Unit Id
             * @description 所属处置单位 ID
             */
            unit_id: number | null;
            /**
             * Username
             * @description 用户名
             */
            username: string;
        };
        /**
         * UserUpdate
         * @description 修改用户（未给出的字段不变）；改密码、角色、单位或停用会吊销该用户的全部令牌.
         */
        UserUpdate: {
            /**
             * Active
             * @description 启用/停用；不能停用或降级最后一个启用的系统管理员
             */
            active?: boolean | null;
            /** Cells */
            cells?: string[] | null;
            /**
             * City Wide
             * @description 明确选择全市范围（不指定辖区）
             */
            city_wide?: boolean | null;
            /** Communities */
            communities?: string[] | null;
            /** Display Name */
            display_name?: string | null;
            /** Districts */
            districts?: string[] | null;
            /** Password */
            password?: string | null;
            /** Role */
            role?: string | null;
            /** Unit */
            unit?: string | null;
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /**
         * WeightsSetting
         * @description 综合评价权重：{指标: 权重}，权重之和为 1.
         */
        WeightsSetting: {
            /**
             * Label
             * @description 参数中文名
             */
            label: string;
            /**
             * Value
             * @description 指标 → 权重
             */
            value: {
                [key: string]: number;
            };
        };
        /**
         * YearRead
         * @description 一年的工作日历：每天的类型，年份是否已载入放假安排.
         */
        YearRead: {
            /** Days */
            days: components["schemas"]["DayRead"][];
            /**
             * Holidays
             * @description 节假日天数
             */
            holidays: number;
            /**
             * Known
             * @description 已载入该年放假安排；否则只按周一至周五计（临时）
             */
            known: boolean;
            /** Loaded At */
            loaded_at: string | null;
            /**
             * Makeup Workdays
             * @description 调休上班天数
             */
            makeup_workdays: number;
            /** Source */
            source: string | null;
            /** Workdays */
            workdays: number;
            /** Year */
            year: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    account_events_api_v1_admin_account_events_get: {
        parameters: {
            query?: {
                /** @description 最多条数 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountEventRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_keys_api_v1_admin_api_keys_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_key_api_v1_admin_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiKeyCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyCreated"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    revoke_key_api_v1_admin_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_year_api_v1_admin_calendar__year__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 年份，如 2027 */
                year: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoadedRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_categories_api_v1_admin_categories_get: {
        parameters: {
            query?: {
                enabled?: boolean | null;
                kind?: string | null;
                /** @description 名称或代码 */
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    remove_category_api_v1_admin_categories__category_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                category_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_category_api_v1_admin_categories__category_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                category_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CategoryPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_standards_api_v1_admin_categories__category_id__standards_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                category_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StandardRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_imports_api_v1_admin_grid_imports_get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobOut"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_import_api_v1_admin_grid_imports_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_post_import_api_v1_admin_grid_imports_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_import_api_v1_admin_grid_imports__job_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 导入任务编号 */
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_apply_api_v1_admin_grid_imports__job_id__apply_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 导入任务编号 */
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ApplyIn"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportJobOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_import_report_api_v1_admin_grid_imports__job_id__report_geojson_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 导入任务编号 */
                job_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["FeatureCollection"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_keywords_api_v1_admin_hotline_keywords_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006 */
                category?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeywordRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_keyword_api_v1_admin_hotline_keywords_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeywordCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeywordRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_keyword_api_v1_admin_hotline_keywords__keyword_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyword_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_keyword_api_v1_admin_hotline_keywords__keyword_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyword_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeywordPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeywordRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_urgencies_api_v1_admin_hotline_urgencies_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrgencyRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_urgency_api_v1_admin_hotline_urgencies__code__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UrgencyPut"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrgencyRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_login_locks_api_v1_admin_login_locks_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginLockRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unlock_login_api_v1_admin_login_locks_unlock_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnlockBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnlockResult"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_rules_api_v1_admin_rules_get: {
        parameters: {
            query?: {
                /** @description true 启用 / false 停用 */
                active?: boolean | null;
                /** @description 区县代码 */
                district?: string | null;
                /** @description 规则角色 */
                role?: string | null;
                /** @description 责任单位 ID */
                unit_id?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_rule_api_v1_admin_rules_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleFields"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_rule_api_v1_admin_rules__rule_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RuleFields"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RuleRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_rule_preview_api_v1_admin_rules_preview_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RulePreviewIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RulePreviewRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_stage_limits_api_v1_admin_stage_limits_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageLimitRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_stage_limit_api_v1_admin_stage_limits__stage__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                stage: components["schemas"]["Stage"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StageLimitSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StageLimitRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_standard_api_v1_admin_standards__standard_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                standard_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StandardEdit"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StandardRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_units_api_v1_admin_units_get: {
        parameters: {
            query?: {
                /** @description true 启用 / false 停用 */
                active?: boolean | null;
                /** @description 区县代码 */
                district?: string | null;
                /** @description 上级单位 ID */
                parent_id?: number | null;
                /** @description 名称或代码包含的文字 */
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_unit_api_v1_admin_units_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnitCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    patch_unit_api_v1_admin_units__unit_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                unit_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UnitPatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    list_users_api_v1_admin_users_get: {
        parameters: {
            query?: {
                role?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    create_user_api_v1_admin_users_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    read_user_api_v1_admin_users__user_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    update_user_api_v1_admin_users__user_id__patch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_attachment_api_v1_attachments_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_post_attachment_api_v1_attachments_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AttachmentRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 照片超过大小上限 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    read_attachment_api_v1_attachments__attachment_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 照片 ID */
                attachment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 照片原文件 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/heic": unknown;
                    "image/jpeg": unknown;
                    "image/png": unknown;
                    "image/webp": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 照片超过大小上限 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    read_thumbnail_api_v1_attachments__attachment_id__thumbnail_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 照片 ID */
                attachment_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 缩略图 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 照片超过大小上限 */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    logout_api_v1_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    me_api_v1_auth_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    refresh_api_v1_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    login_api_v1_auth_token_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["Body_login_api_v1_auth_token_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_summary_api_v1_calendar_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarSummary"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_year_api_v1_calendar__year__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 年份，如 2027 */
                year: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["YearRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_provisional_api_v1_calendar_provisional_cases_get: {
        parameters: {
            query?: {
                /** @description 最多条数 */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProvisionalPage"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_cases_api_v1_cases_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 15 位单元网格代码 */
                cell?: string[] | null;
                /** @description 12 位社区代码 */
                community?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description true：在办；false：已办结（结案、作废等） */
                open?: string | null;
                /** @description true：只看超期（红灯）；false：未超期 */
                overdue?: string | null;
                /** @description 文字：案卷编号、问题描述或地址中包含的文字 */
                q?: string | null;
                /** @description 上报时间起（含），带时区 ISO 8601，如 2026-11-01T00:00:00+08:00 */
                reported_from?: string | null;
                /** @description 上报时间止（不含），带时区 ISO 8601 */
                reported_to?: string | null;
                /** @description newest（默认，最新上报在前）| urgency（按紧急程度） */
                sort?: string | null;
                /** @description 来源 inspector | hotline | public | open311 | video | iot | leader */
                source?: string[] | null;
                /** @description 状态，如 dispatched、to_close（可重复或逗号分隔） */
                status?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
                /** @description 承办单位 ID */
                unit?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_SearchItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_case_api_v1_cases_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CaseReport"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseReported"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    read_case_api_v1_cases__case_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_callback_api_v1_cases__case_id__actions_callback_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_check_fail_api_v1_cases__case_id__actions_check_fail_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_check_pass_api_v1_cases__case_id__actions_check_pass_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_close_api_v1_cases__case_id__actions_close_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_dispatch_api_v1_cases__case_id__actions_dispatch_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_extend_approve_api_v1_cases__case_id__actions_extend_approve_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_extend_deny_api_v1_cases__case_id__actions_extend_deny_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_extend_request_api_v1_cases__case_id__actions_extend_request_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_file_api_v1_cases__case_id__actions_file_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_handle_api_v1_cases__case_id__actions_handle_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_merge_api_v1_cases__case_id__actions_merge_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_recall_api_v1_cases__case_id__actions_recall_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_redispatch_api_v1_cases__case_id__actions_redispatch_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_reject_api_v1_cases__case_id__actions_reject_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_resume_api_v1_cases__case_id__actions_resume_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_return_approve_api_v1_cases__case_id__actions_return_approve_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_return_deny_api_v1_cases__case_id__actions_return_deny_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_return_request_api_v1_cases__case_id__actions_return_request_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_self_handle_api_v1_cases__case_id__actions_self_handle_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_send_verify_api_v1_cases__case_id__actions_send_verify_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_sign_api_v1_cases__case_id__actions_sign_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_suspend_approve_api_v1_cases__case_id__actions_suspend_approve_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_suspend_deny_api_v1_cases__case_id__actions_suspend_deny_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_suspend_request_api_v1_cases__case_id__actions_suspend_request_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_verify_exists_api_v1_cases__case_id__actions_verify_exists_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_verify_not_exists_api_v1_cases__case_id__actions_verify_not_exists_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_void_approve_api_v1_cases__case_id__actions_void_approve_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_void_deny_api_v1_cases__case_id__actions_void_deny_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    case_void_request_api_v1_cases__case_id__actions_void_request_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CaseAction"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    read_events_api_v1_cases__case_id__events_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventRead"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_categories_api_v1_categories_get: {
        parameters: {
            query?: {
                /** @description 部件或事件 */
                kind?: ("component" | "event") | null;
                limit?: number;
                /** @description 名称、代码或大类 */
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategoryPick"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_approvals_api_v1_centre_approvals_get: {
        parameters: {
            query?: {
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description return | extend | suspend | void（默认全部） */
                kind?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ApprovalItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_centre_counts_api_v1_centre_counts_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CentreCounts"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_dispatch_board_api_v1_centre_dispatch_board_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description void（有作废申请）| none */
                pending?: string[] | null;
                /** @description true：被回退过的案卷；false：首次派遣 */
                returned?: string | null;
                /** @description 建议单位 ID */
                routed_unit?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_DispatchBoardItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_board_dispatch_api_v1_centre_dispatch_board__case_id__dispatch_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["BoardDispatch"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_bulk_dispatch_api_v1_centre_dispatch_board_dispatch_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkDispatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkDispatchRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_inbox_api_v1_centre_inbox_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description 来源 inspector | hotline | public | open311 | video | iot | leader */
                source?: string[] | null;
                /** @description reported | verifying（默认两者） */
                status?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_InboxItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_supervision_api_v1_centre_supervision_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description 阶段 verify | file | dispatch | handle | check | close */
                stage?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
                /** @description 单位 ID（计时所属单位或承办单位） */
                unit?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_SupervisionItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_to_close_api_v1_centre_to_close_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_ToCloseItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    exchange_cases_api_v1_exchange_cases_jsonl_get: {
        parameters: {
            query?: {
                /** @description 区县代码（6 位） */
                district?: string[] | null;
                /** @description 上报时间起（YYYY-MM-DD） */
                from?: string | null;
                /** @description 状态，如 closed */
                status?: string[] | null;
                /** @description 上报时间止（含当天） */
                to?: string | null;
                /** @description 只要此时间之后变更的案卷（ISO 8601） */
                updated_since?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    export_cases_api_v1_exports_cases__fmt__get: {
        parameters: {
            query?: {
                /** @description 类别：event:09006、component:01003、event:09… */
                category?: string[] | null;
                /** @description 社区代码（12 位） */
                community?: string[] | null;
                /** @description 区县代码（6 位） */
                district?: string[] | null;
                /** @description 上报时间起（YYYY-MM-DD） */
                from?: string | null;
                /** @description 来源，如 inspector、hotline */
                source?: string[] | null;
                /** @description 状态，如 closed */
                status?: string[] | null;
                /** @description 街道代码（9 位） */
                street?: string[] | null;
                /** @description 上报时间止（含当天） */
                to?: string | null;
                /** @description 处置单位代码或 ID */
                unit?: string | null;
            };
            header?: never;
            path: {
                /** @description csv 或 xlsx */
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv; charset=utf-8": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    export_table_api_v1_exports_table__fmt__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description csv 或 xlsx */
                fmt: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TableBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv; charset=utf-8": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_geocode_api_v1_geocode_get: {
        parameters: {
            query: {
                /** @description 地址文本 */
                address: string;
                /** @description 限定区县 */
                district?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GeocodeCandidateOut"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_geocode_api_v1_hotline_geocode_get: {
        parameters: {
            query: {
                /** @description 区县代码（默认：坐席唯一的辖区） */
                district_code?: string | null;
                limit?: number;
                /** @description 地址文本 */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddressMatchRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_rates_api_v1_hotline_rates_get: {
        parameters: {
            query: {
                /** @description 开始日期（含） */
                from: string;
                /** @description 结束日期（含） */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HotlineRates"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_suggest_category_api_v1_hotline_suggest_category_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CategorySuggestion"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_tickets_api_v1_hotline_tickets_get: {
        parameters: {
            query?: {
                /** @description 上一页返回的 next_cursor */
                cursor?: number | null;
                /** @description true：超过反馈时限仍未联系诉求人；false：其余 */
                feedback_overdue?: boolean | null;
                limit?: number;
                /** @description 案卷状态 */
                status?: components["schemas"]["Status"] | null;
                /** @description 紧急程度 */
                urgency?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_ticket_api_v1_hotline_tickets_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketFiled"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_ticket_api_v1_hotline_tickets__case_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 案卷 ID（工单所属案卷） */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketAnswer"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_reveal_caller_api_v1_hotline_tickets__case_id__caller_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 案卷 ID（工单所属案卷） */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevealBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallerRevealed"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_contact_api_v1_hotline_tickets__case_id__contact_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 案卷 ID（工单所属案卷） */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContactBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_resolution_api_v1_hotline_tickets__case_id__resolution_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 案卷 ID（工单所属案卷） */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolutionBody"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    search_tickets_api_v1_hotline_tickets_search_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketSearch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_urgencies_api_v1_hotline_urgencies_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UrgencyOption"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_cases_api_v1_inspector_cases_get: {
        parameters: {
            query?: {
                /** @description 上次返回的 next_cursor */
                cursor?: string | null;
                limit?: number;
                /** @description 只取此时间之后更新的 */
                updated_since?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncPage"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_report_api_v1_inspector_reports_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 必填：每次上报/提交生成一个新键（如 UUID），网络重试时沿用同一个键 */
                "Idempotency-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_post_report_api_v1_inspector_reports_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportAnswer"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_tasks_api_v1_inspector_tasks_get: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MobileCase"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_task_result_api_v1_inspector_tasks__case_id__result_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 必填：每次上报/提交生成一个新键（如 UUID），网络重试时沿用同一个键 */
                "Idempotency-Key"?: string | null;
            };
            path: {
                /** @description 案卷 ID */
                case_id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": components["schemas"]["Body_post_task_result_api_v1_inspector_tasks__case_id__result_post"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResultAnswer"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_machine_report_api_v1_intake_reports_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description 幂等键：同一键同一内容的重试返回首次结果 */
                "Idempotency-Key"?: string | null;
                /** @description API 密钥 */
                "X-API-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MachineReport"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseReported"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_report_batch_api_v1_intake_reports_batch_post: {
        parameters: {
            query?: never;
            header?: {
                /** @description API 密钥 */
                "X-API-Key"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportBatch"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchReportResult"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_layer_api_v1_layers__layer__get: {
        parameters: {
            query?: {
                /** @description minLon,minLat,maxLon,maxLat */
                bbox?: string | null;
                /** @description 区县代码 */
                district?: string | null;
                /** @description 最多返回要素数 */
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                /** @description 图层 */
                layer: "district" | "street" | "community" | "cell" | "component" | "address" | "frontage" | "rule";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["LayerCollection"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    events_api_v1_live_events_get: {
        parameters: {
            query?: {
                /** @description start | now */
                from?: string | null;
                /** @description 补齐积压后结束 */
                until_idle?: boolean;
            };
            header?: {
                "Last-Event-ID"?: string | null;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 事件流 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_locate_api_v1_locate_get: {
        parameters: {
            query: {
                /** @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法 */
                crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
                /** @description 纬度（度） */
                lat: number;
                /** @description 经度（度） */
                lon: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LocateOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_map_cases_api_v1_map_cases_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006 */
                category?: string[] | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 来源，如 inspector、hotline */
                source?: string[] | null;
                /** @description 状态，如 dispatched */
                status?: string[] | null;
                /** @description 承办单位 ID */
                unit?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MapCaseCollection"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_map_settings_api_v1_map_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MapSettings"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reverse_geocode_api_v1_reverse_geocode_get: {
        parameters: {
            query: {
                /** @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法 */
                crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
                /** @description 纬度（度） */
                lat: number;
                limit?: number;
                /** @description 经度（度） */
                lon: number;
                /** @description 搜索半径（米） */
                radius_m?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReverseCandidateOut"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_route_api_v1_route_get: {
        parameters: {
            query: {
                /** @description 类别，如 event:09006 */
                category: string;
                /** @description 坐标系：wgs84（默认：浏览器定位和 GPS 给出的就是 WGS-84）| cgcs2000 | gcj02（高德/腾讯地图 SDK）| bd09（百度）。所有渠道默认都是 wgs84；空字符串不合法 */
                crs?: "wgs84" | "cgcs2000" | "gcj02" | "bd09";
                /** @description 纬度（度） */
                lat: number;
                /** @description 经度（度） */
                lon: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RouteOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_assessment_api_v1_stats_assessments__month__get: {
        parameters: {
            query?: {
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 考评对象：unit 专业部门、street 街道 */
                kind?: "unit" | "street";
            };
            header?: never;
            path: {
                /** @description 月份 YYYY-MM */
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    publish_assessment_api_v1_stats_assessments__month__publish_post: {
        parameters: {
            query?: {
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 考评对象：unit 专业部门、street 街道 */
                kind?: "unit" | "street";
            };
            header?: never;
            path: {
                /** @description 月份 YYYY-MM */
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_hotline_api_v1_stats_hotline_get: {
        parameters: {
            query?: {
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                /** @description 每页行数（默认与上限见评价参数 limits） */
                limit?: number | null;
                /** @description 跳过的行数 */
                offset?: number;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_hotspots_api_v1_stats_hotspots_get: {
        parameters: {
            query?: {
                /** @description 只统计这些类别（类别 ID，可重复） */
                category?: number[] | null;
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                limit?: number;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_heat_geojson_api_v1_stats_hotspots_geojson_get: {
        parameters: {
            query?: {
                /** @description 只统计这些类别（类别 ID，可重复） */
                category?: number[] | null;
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                /** @description centroid 中心点 / polygon 网格面 */
                geometry?: "centroid" | "polygon";
                limit?: number;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["HeatCollection"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/geo+json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_repeats_api_v1_stats_hotspots_repeats_get: {
        parameters: {
            query?: {
                /** @description 只统计这些类别（类别 ID，可重复） */
                category?: number[] | null;
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                limit?: number;
                /** @description 最少案件数 */
                min_cases?: number | null;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_indicators_api_v1_stats_indicators_get: {
        parameters: {
            query: {
                /** @description 升序（默认降序） */
                asc?: boolean;
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                /** @description 每页行数（默认与上限见评价参数 limits） */
                limit?: number | null;
                /** @description 跳过的行数 */
                offset?: number;
                /** @description 排序列键（默认综合得分或上报数） */
                order_by?: string | null;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 统计范围，如 street、unit、inspector */
                scope: string;
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 指标表 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TableOut"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_stats_settings_api_v1_stats_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsSettings"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_stats_setting_api_v1_stats_settings__key__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 参数名，如 unit_weights */
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingChanged"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_heat_tile_api_v1_stats_tiles_hotspot__z___x___y__mvt_get: {
        parameters: {
            query?: {
                /** @description 只统计这些类别（类别 ID，可重复） */
                category?: number[] | null;
                /** @description 统计期内的任一日期（默认今天），如 2026-10-15 */
                date?: string | null;
                /** @description 只统计这些区县（6 位代码，可重复）；默认全部（调用者可见的区县） */
                district?: string[] | null;
                /** @description 自定义统计期的结束日期（含） */
                end?: string | null;
                /** @description 统计期：day 日、week 周（周一至周日）、month 月、year 年、custom 自定义 */
                period?: "day" | "week" | "month" | "year" | "custom";
                /** @description 自定义统计期的开始日期（含） */
                start?: string | null;
            };
            header?: never;
            path: {
                x: number;
                y: number;
                z: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.mapbox-vector-tile": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_grid_tile_api_v1_tiles_grid__z___x___y__mvt_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                x: number;
                y: number;
                z: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.mapbox-vector-tile": unknown;
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_units_api_v1_units_get: {
        parameters: {
            query?: {
                /** @description 最多条数 */
                limit?: number;
                /** @description 名称或代码包含的文字 */
                q?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitHit"][];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_sub_units_api_v1_units__unit_id__sub_units_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 单位 ID（须为本单位） */
                unit_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubUnits"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_unit_queue_api_v1_units_queue_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description assigned（默认，本单位承办）| redispatched（已下派下级单位）| all */
                held?: string | null;
                /** @description 灯色 red | yellow | green */
                light?: string[] | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description true：只看超期（红灯）；false：未超期 */
                overdue?: string | null;
                /** @description return | extend | suspend | void | any | none（待审批申请） */
                pending?: string[] | null;
                /** @description true：已签收；false：待签收 */
                signed?: string | null;
                /** @description dispatched | suspended（默认两者）| handled | to_close */
                status?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
                /** @description 增量刷新：只返回此后有变化的案卷（带时区 ISO 8601） */
                updated_since?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_CaseSummary_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_unit_counts_api_v1_units_queue_counts_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnitCounts"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_unit_history_api_v1_units_queue_history_get: {
        parameters: {
            query?: {
                /** @description 类别，如 event:09006（可重复或逗号分隔） */
                category?: string[] | null;
                /** @description 上一页返回的 next_cursor（不透明；筛选条件须与上一页相同） */
                cursor?: string | null;
                /** @description 每页条数（默认 XIUHUA_QUEUE_PAGE_SIZE，上限 …MAX_PAGE_SIZE） */
                limit?: string | null;
                /** @description finished（已办结）| left（已移出本单位） */
                outcome?: string[] | null;
                /** @description 9 位街道代码（可重复或逗号分隔） */
                street?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Page_UnitHistoryItem_"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_bulk_sign_api_v1_units_queue_sign_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkSign"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkSignRead"];
                };
            };
            /** @description 缺少调用者身份 */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 角色或单位无权执行 */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 未找到 */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 与当前状态或配置冲突 */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description 参数不合法或无法处理（如点位不在服务区域内） */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    get_discovery_open311_v2_discovery__fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_requests_open311_v2_requests__fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    post_request_open311_v2_requests__fmt__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_request_open311_v2_requests__request_id___fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
                request_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_updates_open311_v2_servicerequestupdates__fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    post_update_open311_v2_servicerequestupdates__fmt__post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_services_open311_v2_services__fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_service_definition_open311_v2_services__service_code___fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
                service_code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_token_open311_v2_tokens__token___fmt__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                fmt: string;
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
}
