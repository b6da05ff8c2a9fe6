import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from './config';

/**
 * CloudAdapter with one addition: turns for activities that arrived through Bluelamp's own Direct
 * Line channel (already authenticated by its token) run in-process with expectReplies, so the
 * replies come back as the function's result instead of being posted to a connector service.
 */
export class BluelampAdapter extends CloudAdapter {
  private readonly appId: string;

  constructor(
    config: Pick<
      Config,
      'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'
    >,
  ) {
    super(
      new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId,
        MicrosoftAppPassword: config.MicrosoftAppPassword,
        MicrosoftAppType: config.MicrosoftAppType,
        MicrosoftAppTenantId: config.MicrosoftAppTenantId,
      }),
    );
    this.appId = config.MicrosoftAppId ?? '';
  }

  async processLocal(
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Partial<Activity>[]> {
    const claimsIdentity = this.createClaimsIdentity(this.appId);
    const auth: AuthenticateRequestResult = {
      claimsIdentity,
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      connectorFactory: this.botFrameworkAuthentication.createConnectorFactory(claimsIdentity),
    };
    const response = await this.processActivity(
      auth,
      { ...activity, deliveryMode: DeliveryModes.ExpectReplies },
      logic,
    );
    const body = response?.body as { activities?: Partial<Activity>[] } | undefined;
    return body?.activities ?? [];
  }
}
